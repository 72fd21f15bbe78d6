using Galen.Core.Errors;

namespace Galen.Deep.Imaging.Transforms;

/// <summary>
/// With probability <see cref="Probability"/>, adds N(0, <see cref="Sd"/>²) noise to every value.
/// The per-pixel normals come from a SplitMix64 stream seeded by the image's second draw, so
/// the transform needs two draws per image however large the image.
/// </summary>
public sealed record GaussianNoise : ImageTransform
{
    public double Sd { get; init; } = 0.02;

    public double Probability { get; init; } = 1;

    public override int Draws => 2;

    public override void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, ReadOnlySpan<double> draws)
    {
        if (draws[0] >= Probability)
        {
            source.CopyTo(destination);
            return;
        }

        ulong state = (ulong)(draws[1] * (1UL << 53));
        for (int i = 0; i < source.Length; i += 2)
        {
            // Box–Muller: two normals from two uniforms in (0, 1].
            double u1 = (Next(ref state) + 1.0) / (1UL << 53);
            double u2 = Next(ref state) / (double)(1UL << 53);
            double radius = Sd * Math.Sqrt(-2 * Math.Log(u1));
            destination[i] = source[i] + (float)(radius * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < source.Length)
            {
                destination[i + 1] = source[i + 1] + (float)(radius * Math.Sin(2 * Math.PI * u2));
            }
        }
    }

    public override void Validate()
    {
        CheckProbability(Probability, "noise");
        if (!(Sd >= 0) || !double.IsFinite(Sd))
        {
            throw new GalenConfigurationException($"The noise standard deviation must be zero or positive (got {Sd}).");
        }
    }

    /// <summary>SplitMix64, top 53 bits.</summary>
    private static ulong Next(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (z ^ (z >> 31)) >> 11;
    }
}
