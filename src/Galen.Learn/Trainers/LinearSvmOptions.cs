namespace Galen.Learn.Trainers;

/// <summary>Linear SVM (Pegasos), probabilities by Platt scaling.</summary>
public sealed record LinearSvmOptions : TabularTrainerOptions
{
    /// <summary>Regularisation λ of the hinge-loss objective.</summary>
    public double Lambda { get; init; } = 0.001;

    /// <summary>Passes over the data.</summary>
    public int Iterations { get; init; } = 30;
}
