using Galen.Core.Errors;

namespace Galen.Deep.Imaging.Transforms;

/// <summary>Multiplies every value by a factor uniform in [<see cref="MinFactor"/>, <see cref="MaxFactor"/>] (contrast and exposure variation).</summary>
public sealed record ScaleIntensity : ImageTransform
{
    public double MinFactor { get; init; } = 0.9;

    public double MaxFactor { get; init; } = 1.1;

    public override int Draws => 1;

    public override void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, ReadOnlySpan<double> draws)
    {
        float factor = (float)(MinFactor + (draws[0] * (MaxFactor - MinFactor)));
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i] * factor;
        }
    }

    public override void Validate()
    {
        if (!(MinFactor <= MaxFactor) || !double.IsFinite(MinFactor) || !double.IsFinite(MaxFactor))
        {
            throw new GalenConfigurationException($"Intensity scaling needs finite factors with minimum ≤ maximum (got {MinFactor} and {MaxFactor}).");
        }
    }
}
