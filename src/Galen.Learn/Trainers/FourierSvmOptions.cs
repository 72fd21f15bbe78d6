namespace Galen.Learn.Trainers;

/// <summary>Non-linear SVM: random Fourier features of a Gaussian (RBF) kernel, then a linear SVM.</summary>
public sealed record FourierSvmOptions : TabularTrainerOptions
{
    /// <summary>Random features drawn (the rank of the kernel approximation).</summary>
    public int Components { get; init; } = 1000;

    /// <summary>Kernel width γ in exp(−γ‖x − y‖²); null uses 1 / features, as scikit-learn's SVC "scale" does on standardised data.</summary>
    public double? Gamma { get; init; }

    public double Lambda { get; init; } = 0.001;

    public int Iterations { get; init; } = 30;
}
