using Galen.Core.Errors;

namespace Galen.Deep.Training.Schedules;

/// <summary>
/// Linear warm-up from near zero to the base rate over the first <see cref="WarmupFraction"/>
/// of the steps, then a half cosine down to <see cref="MinimumFactor"/> × the base rate at the
/// last step.
/// </summary>
/// <param name="WarmupFraction">Share of all steps spent warming up, in [0, 1).</param>
/// <param name="MinimumFactor">Final rate as a share of the base rate.</param>
public sealed record CosineSchedule(double WarmupFraction = 0.05, double MinimumFactor = 0.0) : LearningRateSchedule
{
    public override double Factor(long step, int stepsPerEpoch, long totalSteps)
    {
        long warmup = WarmupSteps(totalSteps);
        if (step < warmup)
        {
            return (step + 1) / (double)warmup;
        }

        long decaySteps = Math.Max(1, totalSteps - warmup - 1);
        double progress = Math.Min(1.0, (step - warmup) / (double)decaySteps);
        return MinimumFactor + ((1 - MinimumFactor) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }

    public override void Validate(int stepsPerEpoch, long totalSteps)
    {
        if (WarmupFraction is < 0 or >= 1 || MinimumFactor is < 0 or > 1)
        {
            throw new GalenConfigurationException(
                $"A cosine schedule needs a warm-up fraction in [0, 1) and a minimum factor in [0, 1] (got {WarmupFraction}, {MinimumFactor}).");
        }
    }

    private long WarmupSteps(long totalSteps) => (long)Math.Round(WarmupFraction * totalSteps);
}
