using System.Text.RegularExpressions;
using Galen.Cli.Demo;
using Galen.Deep.Imaging;
using Spectre.Console.Testing;

namespace Galen.Cli.Tests;

/// <summary>The demo's imaging stage on a tiny configuration: films, CNN, Grad-CAM grid, GAN grid, HTML page.</summary>
public sealed partial class ImagingStageTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly ImagingDemoSettings Tiny = new()
    {
        Films = 160,
        Size = 16,
        Widths = [4, 8],
        ClassifierEpochs = 3,
        GanEpochs = 1,
        GanWidth = 8,
        SaliencyFilms = 4,
        GanSamplesPerFinding = 4,
    };

    private readonly string _work = Path.Combine(Path.GetTempPath(), "galen-demo-imaging-" + Guid.NewGuid().ToString("N"));

    public ImagingStageTests() => Directory.CreateDirectory(_work);

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public async Task Imaging_stage_prints_the_held_out_auroc_and_writes_both_grids_into_the_html_page()
    {
        var console = new TestConsole().Width(1000);
        var context = new DemoContext(console, new DemoOptions(100, 3, 1), _work);

        await new ImagingStage(Tiny).RunAsync(context, CancellationToken.None);

        string output = console.Output;
        var result = context.Get<ImagingDemoResult>();
        Assert.Equal(120, result.TrainFilms);
        Assert.Equal(40, result.TestFilms);
        var printed = HeldOutAuroc().Match(output);
        Assert.True(printed.Success, output);
        Assert.Equal(result.MacroAuroc.ToString("F3", System.Globalization.CultureInfo.InvariantCulture), printed.Groups[1].Value);
        Assert.InRange(result.MacroAuroc, 0, 1);
        Assert.Contains("short-trained (1 epochs on 120 films", output, StringComparison.Ordinal);
        Assert.Contains(result.Page, output.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        // 4 overlays in a 6-column grid at 4× and 2-pixel padding; 3 findings × 8 samples at 3×.
        AssertPng(result.SaliencyGrid, width: (6 * 16 * 4) + (7 * 2), height: (16 * 4) + (2 * 2));
        AssertPng(result.GanGrid, width: (8 * 16 * 3) + (9 * 2), height: (3 * 16 * 3) + (4 * 2));
        Assert.Equal(3, result.Gan.Classes.Count);
        Assert.All(result.Gan.Classes, c => Assert.Equal(4, c.Generated));

        string html = await File.ReadAllTextAsync(result.Page);
        Assert.Contains("data:image/png;base64," + Convert.ToBase64String(await File.ReadAllBytesAsync(result.SaliencyGrid)), html, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64," + Convert.ToBase64String(await File.ReadAllBytesAsync(result.GanGrid)), html, StringComparison.Ordinal);
        Assert.Contains(printed.Groups[1].Value, html, StringComparison.Ordinal);
        Assert.Contains("short-trained", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imaging_stage_stops_when_cancelled()
    {
        var context = new DemoContext(new TestConsole().Width(200), new DemoOptions(100, 3, 1), _work);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ImagingStage(Tiny).RunAsync(context, cancel.Token));
        Assert.Null(context.Find<ImagingDemoResult>());
    }

    [Fact]
    public async Task Imaging_stage_refuses_settings_that_cannot_work()
    {
        var context = new DemoContext(new TestConsole().Width(200), new DemoOptions(100, 3, 1), _work);

        var error = await Assert.ThrowsAsync<Galen.Core.Errors.GalenConfigurationException>(() => new ImagingStage(Tiny with { Films = 10 }).RunAsync(context, CancellationToken.None));

        Assert.Contains("at least 20 films (got 10)", error.Message, StringComparison.Ordinal);
    }

    private static void AssertPng(string path, int width, int height)
    {
        Assert.True(File.Exists(path), path);
        Assert.Equal(PngSignature, File.ReadAllBytes(path).Take(PngSignature.Length));
        var (pixels, shape) = PngImages.Read(path, ImageColor.Rgb);
        Assert.Equal(new ImageShape(3, height, width), shape);
        Assert.Contains(pixels, v => v < 0.99f); // not a blank page: tiles were drawn on the white background
    }

    [GeneratedRegex(@"CNN test AUROC \(macro one-vs-rest\) (\d\.\d{3}) on 40 held-out films")]
    private static partial Regex HeldOutAuroc();
}
