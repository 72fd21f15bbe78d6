using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Core.Text;
using Galen.Deep.Persistence;
using Galen.Deep.Text;
using Galen.Deep.Training;

namespace Galen.Deep.Models.Text;

/// <summary>
/// Trains a note classifier (text CNN or BiLSTM) for binary, multiclass, multi-label or
/// regression targets on <see cref="NoteTexts"/> — the inputs of Galen.Text's bag-of-words
/// baseline, so either can be evaluated, compared and served alike. Learns the vocabulary from
/// the training notes, or reads with a word2vec model's vocabulary and starts from its vectors.
/// </summary>
public sealed class TextClassifierTrainer(TextClassifierOptions options) : ITrainer<NoteTexts>
{
    public TextClassifierOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => Options.Architecture == TextArchitecture.Cnn ? "text-cnn" : "text-bilstm";

    public TextClassifierModel Fit(
        LabelledSet<NoteTexts> train,
        LabelledSet<NoteTexts>? validation = null,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        Options.Validate();
        var pretrained = Options.PretrainedEmbeddings;
        var tokenizer = pretrained?.Options.Tokenizer ?? Options.Tokenizer;
        var vocabulary = pretrained?.Vocabulary
            ?? WordVocabulary.Fit(train.Inputs.Texts, tokenizer, Options.MinWordCount, Options.MaxWords, WordVocabulary.Basic, cancellationToken);
        int dimensions = pretrained?.Dimensions ?? Options.EmbeddingSize;
        var settings = Options with { EmbeddingSize = dimensions, Tokenizer = tokenizer };
        var encoding = new TextEncoding(tokenizer, vocabulary, Options.MaxTokens);
        float[]? vectors = pretrained?.Vectors();
        string signature = DeepJson.Write(new { options = settings, words = vocabulary.Size, pretrained = pretrained?.Description });
        var run = new SupervisedTrainer(Options.Training).Fit(
            objective => settings.CreateNetwork(vocabulary.Size, dimensions, objective.Outputs, vectors),
            encoding.Encode(train.Inputs.Texts, "training notes"),
            train.Targets,
            validation is null ? null : encoding.Encode(validation.Inputs.Texts, "validation notes"),
            validation?.Targets,
            signature,
            progress,
            cancellationToken);
        return new TextClassifierModel(run.Network, run.Objective, encoding, settings with { PretrainedEmbeddings = null }, pretrained?.Description, run.Device, run.Report);
    }

    IModel<NoteTexts> ITrainer<NoteTexts>.Fit(
        LabelledSet<NoteTexts> train,
        LabelledSet<NoteTexts>? validation,
        IProgress<WorkProgress>? progress,
        CancellationToken cancellationToken) => Fit(train, validation, progress, cancellationToken);
}
