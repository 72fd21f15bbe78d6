namespace Galen.Deep.Models.Imaging;

/// <summary>
/// Where in one image the evidence for a class lies: a Height × Width map in [0, 1] (1 at the
/// image's strongest evidence; all zeros when nothing speaks for the class), row by row.
/// </summary>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
/// <param name="Values">The map, row by row.</param>
/// <param name="ClassIndex">The class explained (binary: 1 = positive, 0 = negative).</param>
/// <param name="ClassName">Its name.</param>
public sealed record SaliencyMap(int Height, int Width, float[] Values, int ClassIndex, string ClassName)
{
    /// <summary>The pixel of the largest value (the first in row order on a tie).</summary>
    public (int X, int Y) Peak()
    {
        int best = 0;
        for (int i = 1; i < Values.Length; i++)
        {
            if (Values[i] > Values[best])
            {
                best = i;
            }
        }

        return (best % Width, best / Width);
    }

    /// <summary>Share of the map's total inside <paramref name="mask"/> (Height × Width, row by row); NaN for an all-zero map.</summary>
    public double MassInside(ReadOnlySpan<bool> mask)
    {
        if (mask.Length != Values.Length)
        {
            throw new ArgumentException($"The mask has {mask.Length} pixels but the map has {Values.Length}.", nameof(mask));
        }

        double inside = 0;
        double total = 0;
        for (int i = 0; i < Values.Length; i++)
        {
            total += Values[i];
            if (mask[i])
            {
                inside += Values[i];
            }
        }

        return total > 0 ? inside / total : double.NaN;
    }
}
