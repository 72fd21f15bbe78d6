namespace Galen.Deep.Imaging.Transforms;

/// <summary>Resizes the whole image to <see cref="Height"/> × <see cref="Width"/> (bilinear, as PyTorch's interpolate with align_corners=False and no antialiasing).</summary>
public sealed record Resize : ImageTransform
{
    public required int Height { get; init; }

    public required int Width { get; init; }

    public override ImageShape OutputShape(ImageShape input) => input with { Height = Height, Width = Width };

    public override void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, ReadOnlySpan<double> draws) =>
        Resample.Bilinear(source, shape, destination, OutputShape(shape), 0, 0, shape.Height, shape.Width);

    public override void Validate() => CheckSize(Height, Width, "a resize");
}
