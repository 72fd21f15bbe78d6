using System.Globalization;

namespace Galen.Deep.Imaging;

/// <summary>The shape of one image: channels × height × width, stored channel by channel, row by row.</summary>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Values per image.</summary>
    public int Values => Channels * Height * Width;

    /// <summary>Values per channel.</summary>
    public int Plane => Height * Width;

    /// <summary>A square image of <paramref name="size"/> pixels with <paramref name="channels"/> channels.</summary>
    public static ImageShape Square(int size, int channels = 1) => new(channels, size, size);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Channels}×{Height}×{Width}");
}
