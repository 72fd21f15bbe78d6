using Galen.Core.Errors;

namespace Galen.Deep.Imaging.Transforms;

/// <summary>Cuts the central <see cref="Height"/> × <see cref="Width"/> window.</summary>
public sealed record CenterCrop : ImageTransform
{
    public required int Height { get; init; }

    public required int Width { get; init; }

    public override ImageShape OutputShape(ImageShape input)
    {
        if (Height > input.Height || Width > input.Width)
        {
            throw new GalenConfigurationException($"A {Height}×{Width} crop does not fit in {input.Height}×{input.Width} images.");
        }

        return input with { Height = Height, Width = Width };
    }

    public override void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, ReadOnlySpan<double> draws) =>
        Window.Copy(source, shape, destination, (shape.Height - Height) / 2, (shape.Width - Width) / 2, Height, Width);

    public override void Validate() => CheckSize(Height, Width, "a centre crop");
}
