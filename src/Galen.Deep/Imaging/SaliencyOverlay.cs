using Galen.Core.Errors;

namespace Galen.Deep.Imaging;

/// <summary>
/// A saliency map drawn over its image: the image in gray, the map as a heat colour (blue →
/// cyan → yellow → red) blended in proportion to its value, so low-evidence regions show the
/// image and high-evidence regions glow; optionally a ground-truth box outlined in green.
/// </summary>
public static class SaliencyOverlay
{
    /// <summary>Strongest blend of the heat colour over the image (at map value 1).</summary>
    public const float MaxOpacity = 0.65f;

    /// <summary>The overlay as an RGB image (3 × height × width, values in [0, 1]).</summary>
    /// <param name="image">The image (1 or 3 channels; values in [0, 1]).</param>
    /// <param name="shape">Its shape.</param>
    /// <param name="map">Height × Width values in [0, 1].</param>
    /// <param name="outline">A region to outline in green, e.g. where the lesion was drawn.</param>
    public static float[] Blend(ReadOnlySpan<float> image, ImageShape shape, ReadOnlySpan<float> map, ImageRegion? outline = null)
    {
        if (map.Length != shape.Plane)
        {
            throw new GalenConfigurationException($"The saliency map has {map.Length} values but the image has {shape.Plane} pixels.");
        }

        int plane = shape.Plane;
        var rgb = new float[3 * plane];
        for (int i = 0; i < plane; i++)
        {
            float gray = shape.Channels == 1 ? image[i] : (0.299f * image[i]) + (0.587f * image[plane + i]) + (0.114f * image[(2 * plane) + i]);
            float value = Math.Clamp(map[i], 0f, 1f);
            var (r, g, b) = Heat(value);
            float alpha = MaxOpacity * value;
            rgb[i] = ((1 - alpha) * gray) + (alpha * r);
            rgb[plane + i] = ((1 - alpha) * gray) + (alpha * g);
            rgb[(2 * plane) + i] = ((1 - alpha) * gray) + (alpha * b);
        }

        if (outline is { } box)
        {
            for (int y = box.Top; y < box.Bottom; y++)
            {
                for (int x = box.Left; x < box.Right; x++)
                {
                    bool edge = y == box.Top || y == box.Bottom - 1 || x == box.Left || x == box.Right - 1;
                    if (edge && x >= 0 && y >= 0 && x < shape.Width && y < shape.Height)
                    {
                        int at = (y * shape.Width) + x;
                        rgb[at] = 0.1f;
                        rgb[plane + at] = 1f;
                        rgb[(2 * plane) + at] = 0.2f;
                    }
                }
            }
        }

        return rgb;
    }

    /// <summary>The overlay as PNG bytes, each pixel drawn as a <paramref name="scale"/> × <paramref name="scale"/> square.</summary>
    public static byte[] Png(ReadOnlySpan<float> image, ImageShape shape, ReadOnlySpan<float> map, ImageRegion? outline = null, int scale = 4)
    {
        var rgb = Blend(image, shape, map, outline);
        var overlay = ImageSet.FromArrays([rgb], shape with { Channels = 3 }, "overlay");
        return ImageGrid.Png(overlay, columns: 1, scale: scale, padding: 0);
    }

    /// <summary>Blue (0) → cyan → yellow → red (1).</summary>
    private static (float R, float G, float B) Heat(float value)
    {
        if (value < 1f / 3)
        {
            float t = value * 3;
            return (0f, t, 1f);
        }

        if (value < 2f / 3)
        {
            float t = (value * 3) - 1;
            return (t, 1f, 1f - t);
        }

        float u = (value * 3) - 2;
        return (1f, 1f - u, 0f);
    }
}
