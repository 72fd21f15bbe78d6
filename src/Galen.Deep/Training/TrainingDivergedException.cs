using Galen.Core.Errors;

namespace Galen.Deep.Training;

/// <summary>
/// A loss became NaN or infinite, so training stopped. The failing step did not update the
/// weights; where a checkpoint directory was set, the last good checkpoint is kept and the
/// weights are restored from it. Usually the learning rate is too high or gradients explode.
/// </summary>
public sealed class TrainingDivergedException(
    string problem,
    int epoch,
    int batch,
    long step,
    string lossName,
    double value,
    string? lastGoodCheckpoint)
    : GalenConfigurationException(problem, "Lower the learning rate, enable gradient clipping (GradientClipNorm), or check the inputs for extreme values.")
{
    /// <summary>1-based epoch of the failing step.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>1-based batch within that epoch.</summary>
    public int Batch { get; } = batch;

    /// <summary>1-based step over the whole run.</summary>
    public long Step { get; } = step;

    /// <summary>The loss that was not finite.</summary>
    public string LossName { get; } = lossName;

    /// <summary>Its value (NaN or ±infinity).</summary>
    public double Value { get; } = value;

    /// <summary>The checkpoint the weights were restored from, or null when none was configured or written yet.</summary>
    public string? LastGoodCheckpoint { get; } = lastGoodCheckpoint;
}
