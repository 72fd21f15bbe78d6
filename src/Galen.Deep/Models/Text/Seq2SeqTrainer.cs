using Galen.Core.Errors;
using Galen.Core.Progress;
using Galen.Deep.Data;
using Galen.Deep.Persistence;
using Galen.Deep.Text;
using Galen.Deep.Training;
using TorchSharp;

namespace Galen.Deep.Models.Text;

/// <summary>
/// Trains a sequence-to-sequence model with attention on (source, target) text pairs, on the
/// shared <see cref="TrainingLoop"/>: vocabularies are learned from the training pairs only; the
/// validation pairs, when given, are scored each epoch (loss, token accuracy, BLEU) for model
/// selection and early stopping.
/// </summary>
public sealed class Seq2SeqTrainer(Seq2SeqOptions options)
{
    public Seq2SeqOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => "seq2seq";

    public Seq2SeqModel Fit(TextPairs train, TextPairs? validation = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        Options.Validate();
        if (train.Count == 0)
        {
            throw new GalenConfigurationException("There are no training pairs to learn from.");
        }

        var sourceVocabulary = WordVocabulary.Fit(train.Sources, Options.SourceTokenizer, Options.MinWordCount, null, WordVocabulary.Basic, cancellationToken);
        var targetVocabulary = WordVocabulary.Fit(train.Targets, Options.TargetTokenizer, Options.MinWordCount, null, WordVocabulary.SequenceMarkers, cancellationToken);
        var sourceEncoding = new TextEncoding(Options.SourceTokenizer, sourceVocabulary, Options.MaxSourceTokens);
        var trainPairs = EncodedPairs.Encode(train, sourceEncoding, Options.TargetTokenizer, targetVocabulary, Options.MaxTargetTokens, "training");
        var validationPairs = validation is null ? null : EncodedPairs.Encode(validation, sourceEncoding, Options.TargetTokenizer, targetVocabulary, Options.MaxTargetTokens, "validation");

        var device = TrainingEnvironment.Prepare(Options.Training);
        var sampler = new MiniBatchSampler(train.Count, Options.Training.BatchSize, Options.Training.Sampling == BatchSampling.Sequential ? BatchSampling.Sequential : BatchSampling.Shuffled, Options.Training.Seed);
        string signature = DeepJson.Write(new { options = Options, source_words = sourceVocabulary.Size, target_words = targetVocabulary.Size });
        var loop = new TrainingLoop(Options.Training, sampler, signature);
        var network = Options.CreateNetwork(sourceVocabulary.Size, targetVocabulary.Size);
        try
        {
            network.to(device);
            using var procedure = new Seq2SeqProcedure(network, trainPairs, validationPairs, targetVocabulary, Options, device);
            var report = loop.Run(procedure, progress, cancellationToken);
            network.eval();
            return new Seq2SeqModel(network, sourceVocabulary, targetVocabulary, Options, device, report);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
