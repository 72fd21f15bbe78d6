using Galen.Core.Errors;

namespace Galen.Deep.Imaging.Transforms;

/// <summary>
/// Cuts a window covering a random share of the image's area, in
/// [<see cref="MinScale"/>, <see cref="MaxScale"/>], with an aspect ratio (width / height)
/// log-uniform in [<see cref="MinRatio"/>, <see cref="MaxRatio"/>] (shrunk to fit when needed),
/// at a random position, and resizes it (bilinear) to <see cref="Height"/> × <see cref="Width"/>.
/// </summary>
public sealed record RandomResizedCrop : ImageTransform
{
    public required int Height { get; init; }

    public required int Width { get; init; }

    public double MinScale { get; init; } = 0.8;

    public double MaxScale { get; init; } = 1.0;

    public double MinRatio { get; init; } = 3.0 / 4;

    public double MaxRatio { get; init; } = 4.0 / 3;

    public override int Draws => 4;

    public override ImageShape OutputShape(ImageShape input) => input with { Height = Height, Width = Width };

    public override void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, ReadOnlySpan<double> draws)
    {
        double area = shape.Height * (double)shape.Width * (MinScale + (draws[0] * (MaxScale - MinScale)));
        double ratio = Math.Exp(Math.Log(MinRatio) + (draws[1] * (Math.Log(MaxRatio) - Math.Log(MinRatio))));
        double width = Math.Min(shape.Width, Math.Sqrt(area * ratio));
        double height = Math.Min(shape.Height, Math.Sqrt(area / ratio));
        double top = draws[2] * (shape.Height - height);
        double left = draws[3] * (shape.Width - width);
        Resample.Bilinear(source, shape, destination, OutputShape(shape), top, left, height, width);
    }

    public override void Validate()
    {
        CheckSize(Height, Width, "a random resized crop");
        if (!(MinScale > 0 && MinScale <= MaxScale && MaxScale <= 1))
        {
            throw new GalenConfigurationException($"A random resized crop needs 0 < minimum scale ≤ maximum scale ≤ 1 (got {MinScale} and {MaxScale}).");
        }

        if (!(MinRatio > 0 && MinRatio <= MaxRatio))
        {
            throw new GalenConfigurationException($"A random resized crop needs 0 < minimum ratio ≤ maximum ratio (got {MinRatio} and {MaxRatio}).");
        }
    }
}
