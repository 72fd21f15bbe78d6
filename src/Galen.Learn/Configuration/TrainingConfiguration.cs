using Galen.Core.Randomness;
using Galen.Learn.Trainers;

namespace Galen.Learn.Configuration;

/// <summary>
/// Everything a training run is configured by, with defaults that work: loadable from JSON or
/// YAML (<see cref="ConfigurationFile"/>). Section names follow the property names in camelCase,
/// e.g. <c>lightGbm: { iterations: 400 }</c>.
/// </summary>
public sealed record TrainingConfiguration
{
    /// <summary>Seed of splits, bootstrap and every learner.</summary>
    public int Seed { get; init; } = Seeds.Default;

    /// <summary>Folds of the patient-grouped cross-validation behind the reported metrics.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>Bootstrap resamples for confidence intervals.</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Decision threshold for threshold metrics.</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Miss rate α of conformal prediction sets.</summary>
    public double ConformalAlpha { get; init; } = 0.1;

    /// <summary>Shuffles per feature in permutation importance.</summary>
    public int ImportanceRepeats { get; init; } = 3;

    public LogisticRegressionOptions LogisticRegression { get; init; } = new();

    public LinearSvmOptions LinearSvm { get; init; } = new();

    public FourierSvmOptions FourierSvm { get; init; } = new();

    /// <summary>Galen's random forest ("forest"), with scikit-learn's parameters and defaults.</summary>
    public RandomForestOptions RandomForest { get; init; } = new();

    /// <summary>ML.NET's FastForest ("fastforest").</summary>
    public FastForestOptions FastForest { get; init; } = new();

    public LightGbmOptions LightGbm { get; init; } = new();

    public FastTreeOptions FastTree { get; init; } = new();
}
