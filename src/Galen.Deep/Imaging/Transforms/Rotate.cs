using Galen.Core.Errors;

namespace Galen.Deep.Imaging.Transforms;

/// <summary>
/// With probability <see cref="Probability"/>, rotates the image about its centre by an angle
/// uniform in [−<see cref="MaxDegrees"/>, <see cref="MaxDegrees"/>] (bilinear; corners that
/// come from outside the image take <see cref="Fill"/>).
/// </summary>
public sealed record Rotate : ImageTransform
{
    public double MaxDegrees { get; init; } = 10;

    public double Probability { get; init; } = 1;

    /// <summary>Value of pixels rotated in from outside the image (0 = black).</summary>
    public float Fill { get; init; }

    public override int Draws => 2;

    public override void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, ReadOnlySpan<double> draws)
    {
        if (draws[0] >= Probability)
        {
            source.CopyTo(destination);
            return;
        }

        double angle = ((2 * draws[1]) - 1) * MaxDegrees * Math.PI / 180;
        Rotated(source, shape, destination, angle, Fill);
    }

    /// <summary>The image rotated by <paramref name="radians"/> (counter-clockwise as displayed).</summary>
    internal static void Rotated(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, double radians, float fill)
    {
        double cos = Math.Cos(radians);
        double sin = Math.Sin(radians);
        double cy = (shape.Height - 1) / 2.0;
        double cx = (shape.Width - 1) / 2.0;
        for (int c = 0; c < shape.Channels; c++)
        {
            var plane = source.Slice(c * shape.Plane, shape.Plane);
            var output = destination.Slice(c * shape.Plane, shape.Plane);
            for (int y = 0; y < shape.Height; y++)
            {
                for (int x = 0; x < shape.Width; x++)
                {
                    // Inverse mapping: where in the source does this output pixel come from.
                    double dx = x - cx;
                    double dy = y - cy;
                    double sx = cx + (cos * dx) - (sin * dy);
                    double sy = cy + (sin * dx) + (cos * dy);
                    output[(y * shape.Width) + x] = Resample.Sample(plane, shape, sy, sx, clampToEdge: false, fill);
                }
            }
        }
    }

    public override void Validate()
    {
        CheckProbability(Probability, "a rotation");
        if (!(MaxDegrees >= 0 && MaxDegrees <= 180))
        {
            throw new GalenConfigurationException($"The largest rotation must be between 0 and 180 degrees (got {MaxDegrees}).");
        }
    }
}
