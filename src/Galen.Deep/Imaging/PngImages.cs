using System.Globalization;
using Galen.Core.Errors;
using SkiaSharp;

namespace Galen.Deep.Imaging;

/// <summary>
/// Image files through SkiaSharp: reads PNG (and JPEG, BMP, GIF, WebP) into float channels in
/// [0, 1], writes grayscale or RGB PNGs. 16-bit files are read at 8 bits; alpha is ignored.
/// </summary>
public static class PngImages
{
    /// <summary>Reads one file into [0, 1] floats of the returned shape.</summary>
    public static (float[] Pixels, ImageShape Shape) Read(string path, ImageColor color = ImageColor.Gray)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new GalenInputException("The image file does not exist.", new SourceLocation(path));
        }

        using var codec = SKCodec.Create(path, out var result)
            ?? throw new GalenInputException(
                $"The file is not an image SkiaSharp can read ({result}).",
                new SourceLocation(path),
                "Use PNG, JPEG, BMP, GIF or WebP files (DICOM needs converting first).");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = SKBitmap.Decode(codec, info)
            ?? throw new GalenInputException("The image cannot be decoded; the file may be truncated.", new SourceLocation(path));
        int height = bitmap.Height;
        int width = bitmap.Width;
        var shape = new ImageShape(color == ImageColor.Gray ? 1 : 3, height, width);
        var pixels = new float[shape.Values];
        var bytes = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;
        for (int y = 0; y < height; y++)
        {
            var row = bytes.Slice(y * rowBytes, width * 4);
            for (int x = 0; x < width; x++)
            {
                float r = row[4 * x] / 255f;
                float g = row[(4 * x) + 1] / 255f;
                float b = row[(4 * x) + 2] / 255f;
                int at = (y * width) + x;
                if (color == ImageColor.Gray)
                {
                    pixels[at] = (0.299f * r) + (0.587f * g) + (0.114f * b);
                }
                else
                {
                    pixels[at] = r;
                    pixels[shape.Plane + at] = g;
                    pixels[(2 * shape.Plane) + at] = b;
                }
            }
        }

        return (pixels, shape);
    }

    /// <summary>Writes a one-channel (grayscale) or three-channel (RGB) image as PNG; values are clamped to [0, 1].</summary>
    public static void Write(string path, ReadOnlySpan<float> pixels, ImageShape shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllBytes(path, Encode(pixels, shape));
    }

    /// <summary>A one-channel or three-channel image as PNG bytes (for files or embedding in a report).</summary>
    public static byte[] Encode(ReadOnlySpan<float> pixels, ImageShape shape)
    {
        if (shape.Channels is not (1 or 3))
        {
            throw new GalenConfigurationException($"Only 1-channel (grayscale) and 3-channel (RGB) images can be written as PNG (got {shape}).");
        }

        if (pixels.Length != shape.Values)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{pixels.Length} values do not fill an image of shape {shape}."), nameof(pixels));
        }

        if (shape.Channels == 1)
        {
            return EncodeGray(pixels, shape.Height, shape.Width);
        }

        var rgb = new byte[shape.Plane * 3];
        for (int i = 0; i < shape.Plane; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                rgb[(3 * i) + c] = ToByte(pixels[(c * shape.Plane) + i]);
            }
        }

        return EncodeRgb(rgb, shape.Height, shape.Width);
    }

    /// <summary>Interleaved 8-bit RGB (height × width × 3) as PNG bytes.</summary>
    public static byte[] EncodeRgb(ReadOnlySpan<byte> rgb, int height, int width)
    {
        if (rgb.Length != height * width * 3)
        {
            throw new ArgumentException("The RGB bytes do not fill the image.", nameof(rgb));
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var target = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int to = (y * rowBytes) + (4 * x);
                int from = 3 * ((y * width) + x);
                target[to] = rgb[from];
                target[to + 1] = rgb[from + 1];
                target[to + 2] = rgb[from + 2];
                target[to + 3] = 255;
            }
        }

        return EncodePng(bitmap);
    }

    private static byte[] EncodeGray(ReadOnlySpan<float> pixels, int height, int width)
    {
        var info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        var target = bitmap.GetPixelSpan();
        int rowBytes = bitmap.RowBytes;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                target[(y * rowBytes) + x] = ToByte(pixels[(y * width) + x]);
            }
        }

        return EncodePng(bitmap);
    }

    private static byte[] EncodePng(SKBitmap bitmap)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new GalenInternalException("SkiaSharp could not encode the image as PNG.");
        return data.ToArray();
    }

    /// <summary>[0, 1] → 0…255, rounded to nearest, clamped.</summary>
    internal static byte ToByte(float value) => (byte)Math.Clamp((int)MathF.Round(value * 255f), 0, 255);
}
