namespace Galen.Deep.Imaging;

/// <summary>How image files are read into channels.</summary>
public enum ImageColor
{
    /// <summary>One channel: the luminance 0.299 R + 0.587 G + 0.114 B (as PIL's "L" mode).</summary>
    Gray,

    /// <summary>Three channels: red, green, blue.</summary>
    Rgb,
}
