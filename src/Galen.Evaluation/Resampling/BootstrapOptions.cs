using Galen.Core.Randomness;

namespace Galen.Evaluation.Resampling;

/// <summary>How bootstrap confidence intervals are drawn.</summary>
/// <param name="Resamples">Resamples drawn (1,000 by default).</param>
/// <param name="Level">Coverage of the percentile interval (0.95 by default).</param>
/// <param name="Seed">Seed of the draws; the same seed gives the same intervals.</param>
public sealed record BootstrapOptions(int Resamples = 1000, double Level = 0.95, int Seed = Seeds.Default)
{
    internal void Validate()
    {
        if (Resamples < 10)
        {
            throw new Core.Errors.GalenConfigurationException($"Bootstrap resamples must be at least 10 (got {Resamples}).");
        }

        if (Level is <= 0 or >= 1)
        {
            throw new Core.Errors.GalenConfigurationException($"Confidence level must lie strictly between 0 and 1 (got {Level}).");
        }
    }
}
