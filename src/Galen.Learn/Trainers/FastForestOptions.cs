namespace Galen.Learn.Trainers;

/// <summary>
/// ML.NET's FastForest (the "fastforest" trainer): bagged regression trees, grown leaf-wise up
/// to a leaf limit, whose leaf frequencies are the probabilities. Galen's own forest
/// (<see cref="RandomForestOptions"/>) is the one that matches scikit-learn.
/// </summary>
public sealed record FastForestOptions : TabularTrainerOptions
{
    public int Trees { get; init; } = 100;

    /// <summary>Maximum leaves per tree (the depth limit: a depth-d tree has at most 2^d leaves).</summary>
    public int Leaves { get; init; } = 64;

    public int MinimumSamplesPerLeaf { get; init; } = 2;

    /// <summary>Fraction of features tried at each split.</summary>
    public double FeatureFractionPerSplit { get; init; } = 0.3;

    /// <summary>Fraction of samples bagged for each tree.</summary>
    public double SampleFraction { get; init; } = 0.7;
}
