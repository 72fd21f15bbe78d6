using Galen.Core.Errors;
using Galen.Deep.Imaging;
using Galen.Deep.Tests.Fixtures;

namespace Galen.Deep.Tests.Imaging;

public sealed class PngImagesTests : IDisposable
{
    private readonly string _folder = Fast.TemporaryDirectory();

    [Fact]
    public void A_grayscale_image_written_and_read_back_keeps_every_value_to_eight_bits()
    {
        var shape = new ImageShape(1, 6, 7);
        var pixels = Enumerable.Range(0, shape.Values).Select(i => i / (float)(shape.Values - 1)).ToArray();
        string path = Path.Combine(_folder, "gray.png");

        PngImages.Write(path, pixels, shape);
        var (read, readShape) = PngImages.Read(path);

        Assert.Equal(shape, readShape);
        for (int i = 0; i < pixels.Length; i++)
        {
            Assert.Equal(Math.Round(pixels[i] * 255) / 255, read[i], 4);
        }
    }

    [Fact]
    public void An_rgb_image_reads_as_three_channels_or_as_luminance()
    {
        var shape = new ImageShape(3, 2, 2);
        float[] pixels = [1, 0, 0, 0, /* green */ 0, 1, 0, 0, /* blue */ 0, 0, 1, 0];
        string path = Path.Combine(_folder, "rgb.png");

        PngImages.Write(path, pixels, shape);
        var (rgb, rgbShape) = PngImages.Read(path, ImageColor.Rgb);
        var (gray, _) = PngImages.Read(path, ImageColor.Gray);

        Assert.Equal(shape, rgbShape);
        Assert.Equal(pixels, rgb);
        Assert.Equal([0.299f, 0.587f, 0.114f, 0f], gray.Select(v => MathF.Round(v, 3)).ToArray());
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_refused_with_its_path()
    {
        string path = Path.Combine(_folder, "notes.png");
        File.WriteAllText(path, "not an image");

        var error = Assert.Throws<GalenInputException>(() => PngImages.Read(path));

        Assert.Equal(path, error.Location!.Source);
        Assert.Contains("not an image SkiaSharp can read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_of_different_sizes_are_refused_naming_the_file_unless_a_size_is_given()
    {
        string small = Path.Combine(_folder, "a.png");
        string large = Path.Combine(_folder, "b.png");
        PngImages.Write(small, new float[16], new ImageShape(1, 4, 4));
        PngImages.Write(large, Enumerable.Repeat(0.5f, 64).ToArray(), new ImageShape(1, 8, 8));

        var error = Assert.Throws<GalenInputException>(() => ImageSet.Read([small, large]));
        var resized = ImageSet.Read([small, large], resizeTo: 4);

        Assert.Equal(large, error.Location!.Source);
        Assert.Contains("8×8 but the first image (a.png) is 4×4", error.Message, StringComparison.Ordinal);
        Assert.Equal(new ImageShape(1, 4, 4), resized.Shape);
        Assert.All(resized[1].ToArray(), v => Assert.Equal(128 / 255f, v, 4));
    }

    [Fact]
    public void Arrays_of_the_wrong_length_or_with_non_finite_values_are_refused_with_their_position()
    {
        var shape = new ImageShape(1, 2, 2);

        var length = Assert.Throws<GalenInputException>(() => ImageSet.FromArrays([new float[4], new float[3]], shape));
        var nan = Assert.Throws<GalenInputException>(() => ImageSet.FromArrays([[0, 0, 0, float.NaN]], shape));

        Assert.Equal(2, length.Location!.Line);
        Assert.Contains("row 1, column 1", nan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_grid_and_an_overlay_are_pngs_of_the_expected_size()
    {
        var shape = new ImageShape(1, 8, 8);
        var images = ImageSet.FromArrays([new float[64], Enumerable.Repeat(1f, 64).ToArray(), new float[64]], shape);
        var map = Enumerable.Range(0, 64).Select(i => i / 63f).ToArray();
        string grid = Path.Combine(_folder, "grid.png");
        string overlay = Path.Combine(_folder, "overlay.png");

        File.WriteAllBytes(grid, ImageGrid.Png(images, columns: 2, scale: 3, padding: 1));
        File.WriteAllBytes(overlay, SaliencyOverlay.Png(images[1], shape, map, new ImageRegion(1, 1, 4, 4), scale: 2));

        Assert.Equal(new ImageShape(3, (2 * 24) + 3, (2 * 24) + 3), PngImages.Read(grid, ImageColor.Rgb).Shape);
        var (pixels, overlayShape) = PngImages.Read(overlay, ImageColor.Rgb);
        Assert.Equal(new ImageShape(3, 16, 16), overlayShape);
        Assert.Equal(1f, pixels[overlayShape.Plane + (2 * 16) + 2]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
