namespace Galen.Data.Synthetic.Imaging;

/// <summary>
/// The pixel rectangle that holds every lesion pixel of a film: columns
/// [<paramref name="Left"/>, <paramref name="Right"/>) and rows [<paramref name="Top"/>, <paramref name="Bottom"/>).
/// </summary>
public sealed record LesionBox(int Left, int Top, int Right, int Bottom)
{
    public int Width => Right - Left;

    public int Height => Bottom - Top;

    /// <summary>True when pixel (<paramref name="x"/>, <paramref name="y"/>) lies inside the box.</summary>
    public bool Contains(int x, int y) => x >= Left && x < Right && y >= Top && y < Bottom;
}
