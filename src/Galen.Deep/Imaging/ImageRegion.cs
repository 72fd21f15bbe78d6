namespace Galen.Deep.Imaging;

/// <summary>A pixel rectangle: columns [<paramref name="Left"/>, <paramref name="Right"/>) and rows [<paramref name="Top"/>, <paramref name="Bottom"/>).</summary>
public readonly record struct ImageRegion(int Left, int Top, int Right, int Bottom)
{
    /// <summary>True when pixel (<paramref name="x"/>, <paramref name="y"/>) lies inside.</summary>
    public bool Contains(int x, int y) => x >= Left && x < Right && y >= Top && y < Bottom;
}
