using System.Globalization;
using Galen.Core.Errors;
using Galen.Core.Learning;

namespace Galen.Deep.Imaging;

/// <summary>
/// Images as model inputs: every image has the same <see cref="ImageShape"/>, with values as
/// floats (channel by channel, row by row; from files, 0 = black and 1 = white). Selecting rows
/// shares the pixel arrays, so splits and resampling copy nothing.
/// </summary>
public sealed class ImageSet : IInputs<ImageSet>
{
    private readonly float[][] _images;

    private ImageSet(float[][] images, ImageShape shape)
    {
        _images = images;
        Shape = shape;
    }

    /// <summary>The shape of every image.</summary>
    public ImageShape Shape { get; }

    public int Count => _images.Length;

    /// <summary>The values of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> this[int index] => _images[index];

    /// <summary>
    /// Images from arrays of <paramref name="shape"/>.<see cref="ImageShape.Values"/> values each
    /// (kept, not copied). An array of another length or with a value that is not finite is
    /// refused with its position.
    /// </summary>
    /// <param name="images">The images.</param>
    /// <param name="shape">Their shape.</param>
    /// <param name="source">Name of the images for error messages.</param>
    public static ImageSet FromArrays(IReadOnlyList<float[]> images, ImageShape shape, string source = "images")
    {
        ArgumentNullException.ThrowIfNull(images);
        if (shape.Channels < 1 || shape.Height < 1 || shape.Width < 1)
        {
            throw new GalenConfigurationException($"An image needs at least one channel and one pixel (got {shape}).");
        }

        var kept = new float[images.Count][];
        for (int i = 0; i < images.Count; i++)
        {
            var image = images[i] ?? throw new ArgumentException($"Image {i + 1} is null.", nameof(images));
            if (image.Length != shape.Values)
            {
                throw new GalenInputException(
                    $"Image {i + 1} has {image.Length} values but images of shape {shape} have {shape.Values}.",
                    new SourceLocation(source, i + 1, "pixels", image.Length.ToString(CultureInfo.InvariantCulture)));
            }

            int bad = Array.FindIndex(image, v => !float.IsFinite(v));
            if (bad >= 0)
            {
                throw new GalenInputException(
                    $"Image {i + 1} has a value that is not a number or infinite at channel {bad / shape.Plane}, row {bad % shape.Plane / shape.Width}, column {bad % shape.Width}.",
                    new SourceLocation(source, i + 1, "pixels", image[bad].ToString(CultureInfo.InvariantCulture)));
            }

            kept[i] = image;
        }

        return new ImageSet(kept, shape);
    }

    /// <summary>
    /// Reads PNG (or JPEG, BMP, GIF, WebP) files. Files must all have one size, unless
    /// <paramref name="resizeTo"/> is given, which resizes every image (bilinear) to that square size.
    /// </summary>
    public static ImageSet Read(IReadOnlyList<string> paths, ImageColor color = ImageColor.Gray, int? resizeTo = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new GalenConfigurationException("There are no image files to read.");
        }

        var images = new float[paths.Count][];
        ImageShape? shape = null;
        for (int i = 0; i < paths.Count; i++)
        {
            var (pixels, read) = PngImages.Read(paths[i], color);
            if (resizeTo is { } size)
            {
                var target = ImageShape.Square(size, read.Channels);
                var resized = new float[target.Values];
                Transforms.Resample.Bilinear(pixels, read, resized, target, 0, 0, read.Height, read.Width);
                (pixels, read) = (resized, target);
            }

            if (shape is { } expected && expected != read)
            {
                throw new GalenInputException(
                    $"The image is {read.Height}×{read.Width} but the first image ({Path.GetFileName(paths[0])}) is {expected.Height}×{expected.Width}.",
                    new SourceLocation(paths[i], Field: "size", Value: $"{read.Height}×{read.Width}"),
                    "Pass a size to resize every image to, or resize the files.");
            }

            shape = read;
            images[i] = pixels;
        }

        return new ImageSet(images, shape!.Value);
    }

    public ImageSet Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var images = new float[rows.Count][];
        for (int i = 0; i < rows.Count; i++)
        {
            images[i] = _images[rows[i]];
        }

        return new ImageSet(images, Shape);
    }

    /// <summary>Mean and standard deviation of each channel over every pixel of every image.</summary>
    public (double[] Mean, double[] Sd) ChannelStatistics()
    {
        int channels = Shape.Channels;
        int plane = Shape.Plane;
        var mean = new double[channels];
        var sd = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            double sum = 0;
            double squares = 0;
            foreach (var image in _images)
            {
                var values = image.AsSpan(c * plane, plane);
                foreach (float v in values)
                {
                    sum += v;
                    squares += (double)v * v;
                }
            }

            double n = (double)plane * Count;
            mean[c] = sum / n;
            sd[c] = Math.Sqrt(Math.Max(0, (squares / n) - (mean[c] * mean[c])));
        }

        return (mean, sd);
    }
}
