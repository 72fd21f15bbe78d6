namespace Galen.Deep.Imaging.Transforms;

/// <summary>Bilinear resampling shared by the spatial transforms (pixel centres at half-integers, as PyTorch's align_corners=False).</summary>
internal static class Resample
{
    /// <summary>
    /// Resamples the window [<paramref name="top"/>, top + <paramref name="height"/>) ×
    /// [<paramref name="left"/>, left + <paramref name="width"/>) of the source (in pixels,
    /// fractional allowed) onto the whole destination. Reads beyond the border repeat the edge.
    /// </summary>
    public static void Bilinear(ReadOnlySpan<float> source, ImageShape from, Span<float> destination, ImageShape to, double top, double left, double height, double width)
    {
        double scaleY = height / to.Height;
        double scaleX = width / to.Width;
        for (int c = 0; c < to.Channels; c++)
        {
            var plane = source.Slice(c * from.Plane, from.Plane);
            var output = destination.Slice(c * to.Plane, to.Plane);
            for (int i = 0; i < to.Height; i++)
            {
                double y = top + ((i + 0.5) * scaleY) - 0.5;
                for (int j = 0; j < to.Width; j++)
                {
                    double x = left + ((j + 0.5) * scaleX) - 0.5;
                    output[(i * to.Width) + j] = Sample(plane, from, y, x, clampToEdge: true, 0f);
                }
            }
        }
    }

    /// <summary>The bilinear value at (y, x); outside the image the edge value or <paramref name="fill"/>.</summary>
    public static float Sample(ReadOnlySpan<float> plane, ImageShape shape, double y, double x, bool clampToEdge, float fill)
    {
        if (!clampToEdge && (y < -0.5 || y > shape.Height - 0.5 || x < -0.5 || x > shape.Width - 0.5))
        {
            return fill;
        }

        y = Math.Clamp(y, 0, shape.Height - 1);
        x = Math.Clamp(x, 0, shape.Width - 1);
        int y0 = (int)y;
        int x0 = (int)x;
        int y1 = Math.Min(y0 + 1, shape.Height - 1);
        int x1 = Math.Min(x0 + 1, shape.Width - 1);
        double fy = y - y0;
        double fx = x - x0;
        int w = shape.Width;
        double top = (plane[(y0 * w) + x0] * (1 - fx)) + (plane[(y0 * w) + x1] * fx);
        double bottom = (plane[(y1 * w) + x0] * (1 - fx)) + (plane[(y1 * w) + x1] * fx);
        return (float)((top * (1 - fy)) + (bottom * fy));
    }
}
