namespace Galen.Deep.Training;

/// <summary>What a finished run did.</summary>
/// <param name="Epochs">Every epoch run, in order.</param>
/// <param name="StepLosses">The first loss of every step.</param>
/// <param name="Stop">Why it stopped.</param>
/// <param name="Steps">Optimisation steps taken.</param>
/// <param name="Monitor">The validation metric that picked the best epoch.</param>
/// <param name="BestEpoch">1-based best epoch by that metric, when validation data was given.</param>
/// <param name="WeightsFromEpoch">The epoch whose weights the model ended with.</param>
/// <param name="Seconds">Wall time of this process's share of the run (after a resume, since the resume).</param>
/// <param name="SamplesPerSecond">Training samples per second over that time, data loading included.</param>
/// <param name="ResumedAtStep">The step a resumed run continued from, or null.</param>
/// <param name="CurvePlotPath">The training-curve PNG, when one was written.</param>
public sealed record TrainingReport(
    IReadOnlyList<EpochRecord> Epochs,
    IReadOnlyList<float> StepLosses,
    TrainingStop Stop,
    long Steps,
    string Monitor,
    int? BestEpoch,
    int WeightsFromEpoch,
    double Seconds,
    double SamplesPerSecond,
    long? ResumedAtStep,
    string? CurvePlotPath)
{
    /// <summary>Validation metrics of the epoch whose weights the model ended with (empty without validation).</summary>
    public IReadOnlyDictionary<string, double> FinalValidation =>
        WeightsFromEpoch >= 1 && WeightsFromEpoch <= Epochs.Count ? Epochs[WeightsFromEpoch - 1].Validation : new Dictionary<string, double>();
}
