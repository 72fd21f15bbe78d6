using TorchSharp;

namespace Galen.Deep.Training;

/// <summary>A module whose weights a procedure trains, with the name its checkpoints use.</summary>
public sealed record TrainedModule(string Name, torch.nn.Module Module);

/// <summary>An optimiser a procedure steps, with the base learning rate the schedule scales.</summary>
public sealed record ScheduledOptimizer(string Name, torch.optim.Optimizer Optimizer, double BaseLearningRate);

/// <summary>
/// What differs between model families at each step of training; <see cref="TrainingLoop"/>
/// does everything else (epochs, batch order, schedule, progress, checkpoints and resume,
/// early stopping, divergence and cancellation). A supervised network is one procedure
/// (<see cref="SupervisedProcedure{TBatch}"/>); a GAN, with a generator and a discriminator and
/// an optimiser for each, is another.
/// </summary>
public interface ITrainingProcedure
{
    /// <summary>Names of the losses <see cref="TrainStep"/> reports; the first is the one plotted and watched.</summary>
    IReadOnlyList<string> LossNames { get; }

    /// <summary>Every module whose weights are trained: checkpointed, switched between train and eval mode.</summary>
    IReadOnlyList<TrainedModule> Modules { get; }

    /// <summary>Every optimiser: checkpointed, its learning rate set by the schedule before each step.</summary>
    IReadOnlyList<ScheduledOptimizer> Optimizers { get; }

    /// <summary>True when <see cref="Validate"/> has data to measure.</summary>
    bool HasValidation { get; }

    /// <summary>Names of the metrics <see cref="Validate"/> returns.</summary>
    IReadOnlyList<string> ValidationMetrics { get; }

    /// <summary>
    /// One optimisation step on the given training samples; writes each loss of
    /// <see cref="LossNames"/> to <paramref name="losses"/>. When a loss is not finite it must
    /// return without updating any weight, so the model stays as it was.
    /// </summary>
    void TrainStep(ReadOnlySpan<int> rows, Span<double> losses);

    /// <summary>Metrics on the validation data, with the modules in eval mode.</summary>
    IReadOnlyDictionary<string, double> Validate(CancellationToken cancellationToken);
}
