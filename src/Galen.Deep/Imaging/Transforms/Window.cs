namespace Galen.Deep.Imaging.Transforms;

/// <summary>Copies a whole-pixel window of an image.</summary>
internal static class Window
{
    public static void Copy(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, int top, int left, int height, int width)
    {
        for (int c = 0; c < shape.Channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                source.Slice((c * shape.Plane) + ((top + y) * shape.Width) + left, width)
                    .CopyTo(destination.Slice((c * height * width) + (y * width), width));
            }
        }
    }
}
