namespace Galen.Deep.Imaging.Transforms;

/// <summary>
/// Mirrors the image with probability <see cref="Probability"/>. Note that a horizontal flip of
/// a chest film puts the heart on the wrong side: use it only where anatomy is symmetric.
/// </summary>
public sealed record Flip : ImageTransform
{
    public FlipAxis Axis { get; init; } = FlipAxis.Horizontal;

    public double Probability { get; init; } = 0.5;

    public override int Draws => 1;

    public override void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, ReadOnlySpan<double> draws)
    {
        if (draws[0] >= Probability)
        {
            source.CopyTo(destination);
            return;
        }

        int h = shape.Height;
        int w = shape.Width;
        for (int c = 0; c < shape.Channels; c++)
        {
            int plane = c * shape.Plane;
            for (int y = 0; y < h; y++)
            {
                int fromRow = Axis == FlipAxis.Vertical ? h - 1 - y : y;
                for (int x = 0; x < w; x++)
                {
                    int fromColumn = Axis == FlipAxis.Horizontal ? w - 1 - x : x;
                    destination[plane + (y * w) + x] = source[plane + (fromRow * w) + fromColumn];
                }
            }
        }
    }

    public override void Validate() => CheckProbability(Probability, "a flip");
}
