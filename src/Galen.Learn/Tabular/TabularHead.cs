namespace Galen.Learn.Tabular;

/// <summary>What a head's prediction is.</summary>
public enum HeadOutput
{
    /// <summary>A binary classifier's probability of the positive class.</summary>
    Probability,

    /// <summary>The "Score" of an ML.NET regressor fitted on 0/1 targets, clipped to [0, 1] (FastForest leaf frequencies).</summary>
    ScoreAsProbability,

    /// <summary>A regressor's value.</summary>
    Score,

    /// <summary>A multiclass classifier's probabilities, one per class.</summary>
    ClassScores,
}

/// <summary>
/// One fitted learner inside a <see cref="TabularModel"/>, reading the preprocessed rows. Most
/// models have one head; one-vs-rest multiclass and multi-label models have one per class or
/// label. Heads are ML.NET transformers (<see cref="MlNetHead"/>) or Galen's own forests
/// (<see cref="ForestHead"/>).
/// </summary>
/// <param name="Output">What the head predicts.</param>
public abstract record TabularHead(HeadOutput Output);
