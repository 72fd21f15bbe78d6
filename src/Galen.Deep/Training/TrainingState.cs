namespace Galen.Deep.Training;

/// <summary>
/// Where a run stands, as saved in a checkpoint next to the weights, optimiser state and
/// random-number-generator state: enough to continue at the same step.
/// </summary>
/// <param name="RunSignature">The settings that produced the run; a resume must match them.</param>
/// <param name="Epoch">0-based epoch in progress (or next to start).</param>
/// <param name="BatchInEpoch">Next batch of that epoch; equal to the batches per epoch when only validation is left.</param>
/// <param name="Step">Optimisation steps taken.</param>
/// <param name="PartialLossSums">Sums of each loss × batch size over the epoch's steps so far.</param>
/// <param name="PartialSamples">Samples seen in the epoch so far.</param>
/// <param name="PartialSeconds">Wall time spent in the epoch so far.</param>
/// <param name="Epochs">Finished epochs.</param>
/// <param name="StepLosses">The first loss of every step so far.</param>
/// <param name="BestEpoch">1-based epoch with the best monitored metric.</param>
/// <param name="BestValue">That metric's value.</param>
/// <param name="EpochsWithoutImprovement">Epochs since the best one.</param>
/// <param name="Stopped">Set when the run has finished.</param>
public sealed record TrainingState(
    string RunSignature,
    int Epoch,
    int BatchInEpoch,
    long Step,
    double[] PartialLossSums,
    long PartialSamples,
    double PartialSeconds,
    IReadOnlyList<EpochRecord> Epochs,
    IReadOnlyList<float> StepLosses,
    int? BestEpoch,
    double? BestValue,
    int EpochsWithoutImprovement,
    TrainingStop? Stopped);
