namespace Galen.Bench.Imaging;

/// <summary>The image-model harnesses by name.</summary>
internal static class ImagingBenchmarks
{
    public static int Run(string[] args) => args[0] switch
    {
        "image-quality" => ImagingQuality.Run(args),
        "image-gan" => ImagingGan.Run(args),
        "image-throughput" => ImagingThroughput.Run(args),
        _ => throw new ArgumentException($"Unknown image benchmark '{args[0]}'; use image-quality, image-gan or image-throughput."),
    };
}
