using Galen.Core.Errors;

namespace Galen.Deep.Imaging.Transforms;

/// <summary>Adds an offset uniform in [−<see cref="MaxOffset"/>, <see cref="MaxOffset"/>] to every value (brightness variation).</summary>
public sealed record ShiftIntensity : ImageTransform
{
    public double MaxOffset { get; init; } = 0.1;

    public override int Draws => 1;

    public override void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, ReadOnlySpan<double> draws)
    {
        float offset = (float)(((2 * draws[0]) - 1) * MaxOffset);
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = source[i] + offset;
        }
    }

    public override void Validate()
    {
        if (!(MaxOffset >= 0) || !double.IsFinite(MaxOffset))
        {
            throw new GalenConfigurationException($"The largest intensity shift must be zero or positive (got {MaxOffset}).");
        }
    }
}
