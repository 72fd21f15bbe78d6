using Galen.Core.Errors;
using TorchSharp;
using TorchSharp.Modules;

namespace Galen.Deep.Training;

/// <summary>Which optimiser to use and its settings. The schedule scales <see cref="LearningRate"/> step by step.</summary>
public sealed record OptimizerOptions
{
    public OptimizerKind Kind { get; init; } = OptimizerKind.AdamW;

    /// <summary>Base (peak) learning rate; the schedule multiplies it by a factor each step.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Weight decay: decoupled for AdamW, an L2 penalty for SGD and Adam.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>SGD momentum (0 for plain SGD).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>SGD: use Nesterov momentum.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Adam/AdamW first-moment decay.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam/AdamW second-moment decay.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam/AdamW denominator term.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Throws a <see cref="GalenConfigurationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        Require(double.IsFinite(LearningRate) && LearningRate > 0, $"The learning rate must be a positive number (got {LearningRate}).");
        Require(double.IsFinite(WeightDecay) && WeightDecay >= 0, $"Weight decay must be zero or positive (got {WeightDecay}).");
        Require(Momentum is >= 0 and < 1, $"Momentum must be in [0, 1) (got {Momentum}).");
        Require(!Nesterov || (Kind == OptimizerKind.Sgd && Momentum > 0), "Nesterov momentum needs SGD with a momentum above 0.");
        Require(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1, $"Adam betas must be in [0, 1) (got {Beta1}, {Beta2}).");
        Require(Epsilon > 0, $"Adam's epsilon must be positive (got {Epsilon}).");
    }

    /// <summary>An optimiser over <paramref name="parameters"/> with these settings.</summary>
    public torch.optim.Optimizer Create(IEnumerable<Parameter> parameters)
    {
        Validate();
        return Kind switch
        {
            OptimizerKind.Sgd => torch.optim.SGD(parameters, LearningRate, Momentum, 0, WeightDecay, Nesterov),
            OptimizerKind.Adam => torch.optim.Adam(parameters, LearningRate, Beta1, Beta2, Epsilon, WeightDecay),
            OptimizerKind.AdamW => torch.optim.AdamW(parameters, LearningRate, Beta1, Beta2, Epsilon, WeightDecay),
            _ => throw new GalenConfigurationException($"Unknown optimiser {Kind}."),
        };
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new GalenConfigurationException(problem);
        }
    }
}
