namespace Galen.Learn.Trainers;

/// <summary>Logistic regression (L-BFGS), softmax regression for multiclass, SDCA linear regression for regression.</summary>
public sealed record LogisticRegressionOptions : TabularTrainerOptions
{
    public Penalty Penalty { get; init; } = Penalty.L2;

    /// <summary>Penalty weight λ on the summed loss: λ/2·‖w‖² (L2) or λ·‖w‖₁ (L1). scikit-learn's C is 1/λ.</summary>
    public double Strength { get; init; } = 1.0;

    public int MaximumIterations { get; init; } = 200;
}
