namespace Galen.Deep.Training;

/// <summary>One epoch of a run.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Training">Mean of each training loss over the epoch's samples.</param>
/// <param name="Validation">Validation metrics at the end of the epoch (empty without validation data).</param>
/// <param name="LearningRate">Learning rate of the epoch's last step (first optimiser).</param>
/// <param name="Seconds">Wall time of the epoch's steps and validation.</param>
public sealed record EpochRecord(
    int Epoch,
    IReadOnlyDictionary<string, double> Training,
    IReadOnlyDictionary<string, double> Validation,
    double LearningRate,
    double Seconds);
