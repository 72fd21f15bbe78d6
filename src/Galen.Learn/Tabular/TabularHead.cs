using Microsoft.ML;

namespace Galen.Learn.Tabular;

/// <summary>Which ML.NET output column a head's prediction comes from.</summary>
public enum HeadOutput
{
    /// <summary>The calibrated "Probability" column of a binary classifier.</summary>
    Probability,

    /// <summary>The "Score" of a regressor fitted on 0/1 targets, clipped to [0, 1] (forest leaf frequencies).</summary>
    ScoreAsProbability,

    /// <summary>The "Score" of a regressor.</summary>
    Score,

    /// <summary>The "Score" vector of a multiclass classifier, one probability per class.</summary>
    ClassScores,
}

/// <summary>
/// One fitted ML.NET transformer and how to read it. Most models have one head; one-vs-rest
/// multiclass and multi-label models have one per class or label.
/// </summary>
/// <param name="Transformer">The fitted ML.NET model, reading the preprocessed "Features" column.</param>
/// <param name="Output">Which output to read.</param>
public sealed record TabularHead(ITransformer Transformer, HeadOutput Output);
