using System.Text.Json.Serialization;
using Galen.Core.Errors;
using Galen.Deep.Text;
using Galen.Deep.Training;

namespace Galen.Deep.Models.Text;

/// <summary>Settings of a sequence-to-sequence model with attention and of its training.</summary>
public sealed record Seq2SeqOptions
{
    /// <summary>Word-vector width of source and target words.</summary>
    public int EmbeddingSize { get; init; } = 64;

    /// <summary>Encoder units per direction; decoder and attention width.</summary>
    public int HiddenSize { get; init; } = 128;

    public double Dropout { get; init; } = 0.1;

    /// <summary>
    /// Share of training steps that read the true previous word (teacher forcing); below 1 the
    /// rest read the model's own previous guess (scheduled sampling).
    /// </summary>
    public double TeacherForcing { get; init; } = 1.0;

    /// <summary>How sources are cut into tokens (default: whitespace, case kept, for codes).</summary>
    public TextTokenizer SourceTokenizer { get; init; } = new(TokenizerKind.Whitespace, Lowercase: false);

    /// <summary>How targets are cut into tokens (default: lower-cased words with punctuation).</summary>
    public TextTokenizer TargetTokenizer { get; init; } = new(TokenizerKind.Words, Lowercase: true, KeepPunctuation: true);

    /// <summary>Source tokens read per sample.</summary>
    public int MaxSourceTokens { get; init; } = 100;

    /// <summary>Target tokens learned per sample, and the longest generation by default.</summary>
    public int MaxTargetTokens { get; init; } = 100;

    /// <summary>Words seen fewer times in the training pairs are read (or written) as unknown.</summary>
    public int MinWordCount { get; init; } = 1;

    /// <summary>How the network is trained; validation reports loss, token accuracy and BLEU (monitor any).</summary>
    [JsonIgnore]
    public TrainerOptions Training { get; init; } = new()
    {
        Epochs = 20,
        BatchSize = 32,
        Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 2e-3, WeightDecay = 0 },
        GradientClipNorm = 1.0,
    };

    /// <summary>Throws a <see cref="GalenConfigurationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        ArchitectureChecks.AtLeast(EmbeddingSize, 1, "The embedding size");
        ArchitectureChecks.AtLeast(HiddenSize, 1, "The hidden size");
        ArchitectureChecks.AtLeast(MaxSourceTokens, 1, "The maximum source length");
        ArchitectureChecks.AtLeast(MaxTargetTokens, 1, "The maximum target length");
        ArchitectureChecks.AtLeast(MinWordCount, 1, "The minimum word count");
        ArchitectureChecks.Dropout(Dropout);
        if (!(TeacherForcing > 0 && TeacherForcing <= 1))
        {
            throw new GalenConfigurationException($"Teacher forcing must be in (0, 1] (got {TeacherForcing}).", "1 always feeds the true previous word.");
        }

        ArgumentNullException.ThrowIfNull(SourceTokenizer);
        ArgumentNullException.ThrowIfNull(TargetTokenizer);
        Training.Validate();
    }

    /// <summary>The network these settings describe.</summary>
    public Seq2SeqNetwork CreateNetwork(int sourceWords, int targetWords) =>
        new(sourceWords, targetWords, EmbeddingSize, HiddenSize, Dropout, TeacherForcing);
}
