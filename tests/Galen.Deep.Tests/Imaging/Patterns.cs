using Galen.Core.Learning;
using Galen.Deep.Imaging;

namespace Galen.Deep.Tests.Imaging;

/// <summary>
/// Two classes of small images a model can tell apart at a glance: class 0 bright on the left
/// half, class 1 bright on the right half, with a little seeded noise.
/// </summary>
internal static class Patterns
{
    public static readonly LabelSchema Side = new("side", LabelKind.Multiclass, ["left", "right"], "bright half");

    public static LabelledSet<ImageSet> Make(int perClass, int size, int seed, double noise = 0.05)
    {
        var random = new Random(seed);
        var images = new List<float[]>();
        var labels = new List<float>();
        for (int c = 0; c < 2; c++)
        {
            for (int n = 0; n < perClass; n++)
            {
                images.Add(Image(c, size, random, noise));
                labels.Add(c);
            }
        }

        return new LabelledSet<ImageSet>(ImageSet.FromArrays(images, ImageShape.Square(size)), new TargetMatrix(Side, [.. labels]), ChestFilms.Infos(images.Count));
    }

    /// <summary>The noiseless image of a class.</summary>
    public static float[] Clean(int side, int size) => Image(side, size, new Random(0), 0);

    private static float[] Image(int side, int size, Random random, double noise)
    {
        var pixels = new float[size * size];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                bool bright = side == 0 ? x < size / 2 : x >= size / 2;
                double value = (bright ? 0.85 : 0.15) + (noise * ((2 * random.NextDouble()) - 1));
                pixels[(y * size) + x] = (float)Math.Clamp(value, 0, 1);
            }
        }

        return pixels;
    }
}
