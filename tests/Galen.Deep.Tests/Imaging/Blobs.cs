using Galen.Core.Learning;
using Galen.Deep.Imaging;

namespace Galen.Deep.Tests.Imaging;

/// <summary>
/// Three classes of small images that share a smooth field and differ in one feature, as chest
/// films of different findings do: nothing, a mottled (speckled) patch, or a smooth bright blob,
/// each somewhere at random. <see cref="Read"/> tells the class from the pixels.
/// </summary>
internal static class Blobs
{
    public static readonly LabelSchema Schema = new("finding", LabelKind.Multiclass, ["clear", "mottled", "blob"], "what the image shows");

    /// <summary>Texture (mean absolute difference from the 4-neighbour mean) over 4×4 above which a window is mottled.</summary>
    private const double Mottled = 0.06;

    /// <summary>Brightness of a 3×3 window above the field's median from which it is a blob.</summary>
    private const double Bright = 0.25;

    /// <summary>Images of classes clear, mottled and blob in the given counts, in that order.</summary>
    public static LabelledSet<ImageSet> Make(IReadOnlyList<int> counts, int size, int seed)
    {
        var random = new Random(seed);
        var images = new List<float[]>();
        var labels = new List<float>();
        for (int c = 0; c < counts.Count; c++)
        {
            for (int n = 0; n < counts[c]; n++)
            {
                images.Add(Image(c, size, random));
                labels.Add(c);
            }
        }

        return new LabelledSet<ImageSet>(ImageSet.FromArrays(images, ImageShape.Square(size)), new TargetMatrix(Schema, [.. labels]), ChestFilms.Infos(images.Count));
    }

    /// <summary>The class an image shows: mottled if any 4×4 window is textured, else a blob if any 3×3 window stands out, else clear.</summary>
    public static int Read(ReadOnlySpan<float> image, int size)
    {
        var texture = new double[size * size];
        for (int y = 1; y < size - 1; y++)
        {
            for (int x = 1; x < size - 1; x++)
            {
                int i = (y * size) + x;
                texture[i] = Math.Abs(image[i] - ((image[i - 1] + image[i + 1] + image[i - size] + image[i + size]) / 4.0));
            }
        }

        if (WindowMax(texture, size, 4) > Mottled)
        {
            return 1;
        }

        var sorted = image.ToArray();
        Array.Sort(sorted);
        double median = sorted[sorted.Length / 2];
        var values = image.ToArray().Select(v => (double)v).ToArray();
        return WindowMax(values, size, 3) - median > Bright ? 2 : 0;
    }

    private static double WindowMax(double[] values, int size, int window)
    {
        double best = double.MinValue;
        for (int y = 1; y + window <= size - 1; y++)
        {
            for (int x = 1; x + window <= size - 1; x++)
            {
                double sum = 0;
                for (int dy = 0; dy < window; dy++)
                {
                    for (int dx = 0; dx < window; dx++)
                    {
                        sum += values[((y + dy) * size) + x + dx];
                    }
                }

                best = Math.Max(best, sum / (window * window));
            }
        }

        return best;
    }

    private static float[] Image(int finding, int size, Random random)
    {
        double slope = 0.2 * random.NextDouble();
        double centreX = random.Next(4, size - 4);
        double centreY = random.Next(4, size - 4);
        var pixels = new float[size * size];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                double value = 0.25 + (slope * y / size) + (0.02 * (random.NextDouble() - 0.5));
                double dx = x - centreX;
                double dy = y - centreY;
                if (finding == 1 && Math.Abs(dx) <= 3 && Math.Abs(dy) <= 3)
                {
                    value += 0.15 + (0.6 * (random.NextDouble() - 0.5));
                }
                else if (finding == 2)
                {
                    value += 0.5 * Math.Exp(-((dx * dx) + (dy * dy)) / (2 * 2.0 * 2.0));
                }

                pixels[(y * size) + x] = (float)Math.Clamp(value, 0, 1);
            }
        }

        return pixels;
    }
}
