using Galen.Core.Errors;

namespace Galen.Deep.Imaging;

/// <summary>
/// Images tiled in a grid as one PNG (e.g. a GAN's samples, one class per row, or saliency
/// overlays): row by row, <c>columns</c> per row, each pixel drawn as a scale × scale square,
/// with white padding between tiles.
/// </summary>
public static class ImageGrid
{
    /// <summary>The grid as PNG bytes.</summary>
    public static byte[] Png(ImageSet images, int columns, int scale = 2, int padding = 2)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0 || columns < 1 || scale < 1 || padding < 0)
        {
            throw new GalenConfigurationException($"A grid needs images, at least one column and a scale of at least 1 (got {images.Count} images, {columns} columns, scale {scale}).");
        }

        var shape = images.Shape;
        if (shape.Channels is not (1 or 3))
        {
            throw new GalenConfigurationException($"A grid shows 1-channel or 3-channel images (got {shape}).");
        }

        int rows = (images.Count + columns - 1) / columns;
        int tileWidth = shape.Width * scale;
        int tileHeight = shape.Height * scale;
        int width = (columns * tileWidth) + ((columns + 1) * padding);
        int height = (rows * tileHeight) + ((rows + 1) * padding);
        var rgb = new byte[width * height * 3];
        Array.Fill(rgb, (byte)255);
        for (int n = 0; n < images.Count; n++)
        {
            var image = images[n];
            int left = padding + ((n % columns) * (tileWidth + padding));
            int top = padding + ((n / columns) * (tileHeight + padding));
            for (int y = 0; y < tileHeight; y++)
            {
                for (int x = 0; x < tileWidth; x++)
                {
                    int source = ((y / scale) * shape.Width) + (x / scale);
                    int target = 3 * (((top + y) * width) + left + x);
                    for (int c = 0; c < 3; c++)
                    {
                        rgb[target + c] = PngImages.ToByte(image[(shape.Channels == 1 ? 0 : c * shape.Plane) + source]);
                    }
                }
            }
        }

        return PngImages.EncodeRgb(rgb, height, width);
    }
}
