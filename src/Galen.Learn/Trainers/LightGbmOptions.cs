namespace Galen.Learn.Trainers;

/// <summary>Gradient boosting with LightGBM.</summary>
public sealed record LightGbmOptions : TabularTrainerOptions
{
    public int Iterations { get; init; } = 200;

    public double LearningRate { get; init; } = 0.05;

    public int Leaves { get; init; } = 31;

    public int MinimumSamplesPerLeaf { get; init; } = 20;

    public double L2Regularization { get; init; }

    /// <summary>Fraction of features per tree.</summary>
    public double FeatureFraction { get; init; } = 1.0;

    /// <summary>Stop when the validation loss has not improved for this many rounds; 0 turns early stopping off.</summary>
    public int EarlyStoppingRounds { get; init; }

    /// <summary>Share of training patients held out for early stopping when no validation set is given.</summary>
    public double ValidationFraction { get; init; } = 0.1;
}
