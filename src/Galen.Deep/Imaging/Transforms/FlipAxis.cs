namespace Galen.Deep.Imaging.Transforms;

/// <summary>Which way <see cref="Flip"/> mirrors an image.</summary>
public enum FlipAxis
{
    /// <summary>Left ↔ right.</summary>
    Horizontal,

    /// <summary>Top ↔ bottom.</summary>
    Vertical,
}
