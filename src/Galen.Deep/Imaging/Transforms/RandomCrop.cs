using Galen.Core.Errors;

namespace Galen.Deep.Imaging.Transforms;

/// <summary>Cuts a <see cref="Height"/> × <see cref="Width"/> window at a uniformly random position.</summary>
public sealed record RandomCrop : ImageTransform
{
    public required int Height { get; init; }

    public required int Width { get; init; }

    public override int Draws => 2;

    public override ImageShape OutputShape(ImageShape input)
    {
        if (Height > input.Height || Width > input.Width)
        {
            throw new GalenConfigurationException($"A {Height}×{Width} crop does not fit in {input.Height}×{input.Width} images.");
        }

        return input with { Height = Height, Width = Width };
    }

    public override void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, ReadOnlySpan<double> draws)
    {
        int top = Math.Min(shape.Height - Height, (int)(draws[0] * (shape.Height - Height + 1)));
        int left = Math.Min(shape.Width - Width, (int)(draws[1] * (shape.Width - Width + 1)));
        Window.Copy(source, shape, destination, top, left, Height, Width);
    }

    public override void Validate() => CheckSize(Height, Width, "a random crop");
}
