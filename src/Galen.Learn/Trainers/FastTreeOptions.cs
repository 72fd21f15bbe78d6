namespace Galen.Learn.Trainers;

/// <summary>Gradient boosting with ML.NET FastTree (MART).</summary>
public sealed record FastTreeOptions : TabularTrainerOptions
{
    public int Trees { get; init; } = 200;

    public double LearningRate { get; init; } = 0.1;

    public int Leaves { get; init; } = 20;

    public int MinimumSamplesPerLeaf { get; init; } = 10;

    /// <summary>Stop when the validation loss has not improved for this many trees; 0 turns early stopping off.</summary>
    public int EarlyStoppingRounds { get; init; }

    /// <summary>Share of training patients held out for early stopping when no validation set is given.</summary>
    public double ValidationFraction { get; init; } = 0.1;
}
