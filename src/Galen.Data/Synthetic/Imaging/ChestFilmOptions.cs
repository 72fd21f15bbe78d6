using Galen.Core.Errors;
using Galen.Core.Randomness;

namespace Galen.Data.Synthetic.Imaging;

/// <summary>What <see cref="ChestFilmGenerator"/> draws. The same options give the same films, pixel for pixel.</summary>
public sealed record ChestFilmOptions
{
    /// <summary>Films to generate.</summary>
    public int Count { get; init; } = 1000;

    /// <summary>Width and height in pixels (the anatomy scales with it).</summary>
    public int Size { get; init; } = 64;

    /// <summary>Seed for every random choice.</summary>
    public int Seed { get; init; } = Seeds.Default;

    /// <summary>Share of films with pneumonia when findings are drawn.</summary>
    public double PneumoniaFraction { get; init; } = 0.3;

    /// <summary>Share of films with oedema when findings are drawn; the rest are normal.</summary>
    public double OedemaFraction { get; init; } = 0.2;

    /// <summary>Throws a <see cref="GalenConfigurationException"/> naming the first option that cannot work.</summary>
    public void Validate()
    {
        if (Count < 1)
        {
            throw new GalenConfigurationException($"The number of films must be at least 1 (got {Count}).");
        }

        if (Size is < 16 or > 1024)
        {
            throw new GalenConfigurationException($"The film size must be between 16 and 1024 pixels (got {Size}).");
        }

        if (!(PneumoniaFraction >= 0 && OedemaFraction >= 0 && PneumoniaFraction + OedemaFraction <= 1))
        {
            throw new GalenConfigurationException(
                $"The pneumonia and oedema fractions must be non-negative and add up to at most 1 (got {PneumoniaFraction} and {OedemaFraction}).");
        }
    }
}
