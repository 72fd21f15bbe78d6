using System.Text.Json.Serialization;
using Galen.Core.Errors;
using Galen.Deep.Text;
using Galen.Deep.Training;

namespace Galen.Deep.Models.Text;

/// <summary>Settings of word2vec (skip-gram with negative sampling) and of its training.</summary>
public sealed record Word2VecOptions
{
    /// <summary>Width of a word vector.</summary>
    public int Dimensions { get; init; } = 100;

    /// <summary>
    /// Largest distance between a word and a context word. Each centre word draws its own window
    /// from 1 to this (as the original), so near words count more than far ones.
    /// </summary>
    public int Window { get; init; } = 5;

    /// <summary>Noise words drawn per (word, context) pair.</summary>
    public int Negatives { get; init; } = 5;

    /// <summary>Words seen fewer times are removed from the text before windows are taken.</summary>
    public int MinCount { get; init; } = 5;

    /// <summary>Keep at most this many words (the most frequent); null keeps every word above <see cref="MinCount"/>.</summary>
    public int? MaxWords { get; init; }

    /// <summary>
    /// Subsampling threshold t: a word with corpus frequency f is kept with probability
    /// (√(f / t) + 1) · t / f (the original's formula), so frequent words are seen less often.
    /// 0 turns subsampling off.
    /// </summary>
    public double Subsample { get; init; } = 1e-3;

    /// <summary>Noise words are drawn in proportion to count^exponent (0.75 in the original).</summary>
    public double NoiseExponent { get; init; } = 0.75;

    /// <summary>How text is cut into words.</summary>
    public TextTokenizer Tokenizer { get; init; } = new();

    /// <summary>
    /// How the vectors are trained. A sample is a centre position in the corpus, so
    /// <see cref="TrainerOptions.BatchSize"/> counts centre words per step.
    /// </summary>
    [JsonIgnore]
    public TrainerOptions Training { get; init; } = new()
    {
        Epochs = 5,
        BatchSize = 1024,
        Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 5e-3, WeightDecay = 0 },
        Schedule = new Training.Schedules.CosineSchedule(0.0),
    };

    /// <summary>Throws a <see cref="GalenConfigurationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        ArchitectureChecks.AtLeast(Dimensions, 1, "The word-vector dimensions");
        ArchitectureChecks.AtLeast(Window, 1, "The context window");
        ArchitectureChecks.AtLeast(Negatives, 1, "Negative samples per pair");
        ArchitectureChecks.AtLeast(MinCount, 1, "The minimum word count");
        if (MaxWords is { } max)
        {
            ArchitectureChecks.AtLeast(max, 1, "The maximum vocabulary");
        }

        if (!(Subsample >= 0 && double.IsFinite(Subsample)))
        {
            throw new GalenConfigurationException($"The subsampling threshold must be zero (off) or positive (got {Subsample}).");
        }

        if (!(NoiseExponent >= 0 && NoiseExponent <= 1))
        {
            throw new GalenConfigurationException($"The noise exponent must be in [0, 1] (got {NoiseExponent}).", "0.75 is word2vec's choice.");
        }

        ArgumentNullException.ThrowIfNull(Tokenizer);
        Training.Validate();
    }
}
