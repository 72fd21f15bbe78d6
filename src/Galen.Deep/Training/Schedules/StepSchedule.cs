using Galen.Core.Errors;

namespace Galen.Deep.Training.Schedules;

/// <summary>
/// Multiplies the rate by <see cref="Gamma"/> every <see cref="EveryEpochs"/> epochs, as
/// PyTorch's <c>StepLR</c> stepped once per epoch.
/// </summary>
/// <param name="EveryEpochs">Epochs between decays.</param>
/// <param name="Gamma">Factor applied at each decay.</param>
public sealed record StepSchedule(int EveryEpochs = 10, double Gamma = 0.1) : LearningRateSchedule
{
    public override double Factor(long step, int stepsPerEpoch, long totalSteps) =>
        Math.Pow(Gamma, step / stepsPerEpoch / EveryEpochs);

    public override void Validate(int stepsPerEpoch, long totalSteps)
    {
        if (EveryEpochs < 1 || !(Gamma > 0 && Gamma <= 1))
        {
            throw new GalenConfigurationException($"A step schedule needs every ≥ 1 epoch and 0 < gamma ≤ 1 (got every {EveryEpochs}, gamma {Gamma}).");
        }
    }
}
