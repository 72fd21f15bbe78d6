using Galen.Core.Randomness;

namespace Galen.Learn.Trainers;

/// <summary>How training samples are weighted by class.</summary>
public enum ClassWeighting
{
    /// <summary>Every sample weighs 1.</summary>
    None,

    /// <summary>Samples weigh n / (K · n_class), so each class carries the same total weight (scikit-learn's "balanced").</summary>
    Balanced,

    /// <summary>As <see cref="Balanced"/>, counted in each tree's bootstrap sample (scikit-learn's "balanced_subsample"; forest only).</summary>
    BalancedSubsample,
}

/// <summary>Settings every tabular trainer shares. Plain data: loadable from JSON or YAML.</summary>
public abstract record TabularTrainerOptions
{
    /// <summary>Seed of the ML.NET context and every random choice in training.</summary>
    public int Seed { get; init; } = Seeds.Default;

    /// <summary>Class weighting for imbalanced outcomes.</summary>
    public ClassWeighting ClassWeighting { get; init; } = ClassWeighting.None;

    /// <summary>Threads the learner may use; null lets the learner decide (ML.NET's choice, or every core for the forest).</summary>
    public int? Threads { get; init; }

    /// <summary>Add a 0/1 column per feature that had missing values in training.</summary>
    public bool MissingIndicators { get; init; } = true;
}
