using Galen.Core.Errors;

namespace Galen.Deep.Training.Schedules;

/// <summary>
/// The one-cycle policy (Smith &amp; Topin) with cosine annealing, as PyTorch's
/// <c>OneCycleLR</c> (two phases): from base / <see cref="InitialDivisor"/> up to the base rate
/// over the first <see cref="WarmupFraction"/> of the steps, then down to
/// base / (<see cref="InitialDivisor"/> × <see cref="FinalDivisor"/>). The base rate is the
/// peak. Momentum is not cycled.
/// </summary>
/// <param name="WarmupFraction">PyTorch's <c>pct_start</c>.</param>
/// <param name="InitialDivisor">PyTorch's <c>div_factor</c>.</param>
/// <param name="FinalDivisor">PyTorch's <c>final_div_factor</c>.</param>
public sealed record OneCycleSchedule(double WarmupFraction = 0.3, double InitialDivisor = 25, double FinalDivisor = 1e4) : LearningRateSchedule
{
    public override double Factor(long step, int stepsPerEpoch, long totalSteps)
    {
        double initial = 1.0 / InitialDivisor;
        double minimum = initial / FinalDivisor;
        double peakStep = (WarmupFraction * totalSteps) - 1;
        double lastStep = totalSteps - 1;
        if (step <= peakStep)
        {
            return Anneal(initial, 1.0, step / peakStep);
        }

        return Anneal(1.0, minimum, Math.Min(1.0, (step - peakStep) / (lastStep - peakStep)));
    }

    public override void Validate(int stepsPerEpoch, long totalSteps)
    {
        if (WarmupFraction is <= 0 or >= 1 || InitialDivisor < 1 || FinalDivisor < 1)
        {
            throw new GalenConfigurationException(
                $"A one-cycle schedule needs a warm-up fraction in (0, 1) and divisors ≥ 1 (got {WarmupFraction}, {InitialDivisor}, {FinalDivisor}).");
        }

        if ((WarmupFraction * totalSteps) - 1 <= 0 || (WarmupFraction * totalSteps) >= totalSteps)
        {
            throw new GalenConfigurationException(
                $"A one-cycle schedule over {totalSteps} steps has no room to warm up with a warm-up fraction of {WarmupFraction}.",
                "Train for more steps (more epochs or smaller batches) or use another schedule.");
        }
    }

    private static double Anneal(double start, double end, double progress) => end + ((start - end) / 2.0 * (Math.Cos(Math.PI * progress) + 1));
}
