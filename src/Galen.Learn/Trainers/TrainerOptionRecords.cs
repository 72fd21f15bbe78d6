namespace Galen.Learn.Trainers;

/// <summary>The penalty of a regularised linear model.</summary>
public enum Penalty
{
    /// <summary>Ridge: shrinks every weight.</summary>
    L2,

    /// <summary>Lasso: drives weak weights to exactly zero.</summary>
    L1,
}

/// <summary>Logistic regression (L-BFGS), softmax regression for multiclass, SDCA linear regression for regression.</summary>
public sealed record LogisticRegressionOptions : TabularTrainerOptions
{
    public Penalty Penalty { get; init; } = Penalty.L2;

    /// <summary>Penalty weight λ on the summed loss: λ/2·‖w‖² (L2) or λ·‖w‖₁ (L1). scikit-learn's C is 1/λ.</summary>
    public double Strength { get; init; } = 1.0;

    public int MaximumIterations { get; init; } = 200;
}

/// <summary>Linear SVM (Pegasos), probabilities by Platt scaling.</summary>
public sealed record LinearSvmOptions : TabularTrainerOptions
{
    /// <summary>Regularisation λ of the hinge-loss objective.</summary>
    public double Lambda { get; init; } = 0.001;

    /// <summary>Passes over the data.</summary>
    public int Iterations { get; init; } = 30;
}

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

/// <summary>Random forest (ML.NET FastForest): bagged regression trees whose leaf frequencies are the probabilities.</summary>
public sealed record RandomForestOptions : TabularTrainerOptions
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
