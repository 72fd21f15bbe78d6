using System.Globalization;
using System.Net;
using System.Text;

namespace Galen.Cli.Demo;

/// <summary>
/// The demo's imaging page: one self-contained HTML file (the PNG grids embedded as data URIs and
/// named by file, so it can be moved or mailed) with the classifier's held-out AUROC, the Grad-CAM
/// overlays and the GAN's samples with their evaluation.
/// </summary>
public static class ImagingReportPage
{
    private const string Style = "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#222}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:right}td:first-child,th:first-child{text-align:left}img{image-rendering:pixelated;max-width:100%}.note{color:#555}</style>";

    /// <summary>The page as HTML; reads the two PNG grids named in <paramref name="result"/>.</summary>
    public static string Render(
        ImagingDemoResult result,
        IReadOnlyList<(string Finding, double Auroc)> perFinding,
        ImagingDemoSettings settings,
        int seed,
        string ganTraining)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(perFinding);
        ArgumentNullException.ThrowIfNull(settings);
        var html = new StringBuilder();
        var gan = result.Gan;
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Galen demo — imaging</title>
            {Style}
            </head><body>
            <h1>Imaging: synthetic chest films</h1>
            <p class="note">Synthetic data only; not for clinical use. {result.TrainFilms + result.TestFilms} films of {settings.Size}×{settings.Size} pixels, seed {seed}: {result.TrainFilms} to train on, {result.TestFilms} held out (each film is a different synthetic patient).</p>
            <h2>CNN classifier</h2>
            <p>ResNet (widths {WebUtility.HtmlEncode(string.Join("-", settings.Widths))}), {settings.ClassifierEpochs} epochs. Held-out macro one-vs-rest AUROC <strong>{Format(result.MacroAuroc)}</strong> on {result.TestFilms} films.</p>
            <table><tr><th>finding vs rest</th><th>AUROC</th></tr>
            """);
        foreach (var (finding, auroc) in perFinding)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(finding)}</td><td>{Format(auroc)}</td></tr>\n");
        }

        html.Append("</table>\n<h2>Grad-CAM saliency</h2>\n<p>Held-out films with a finding; heat = Grad-CAM of the film's own finding at the last residual block, box = the lesion as drawn by the generator.</p>\n");
        Image(html, result.SaliencyGrid, "Grad-CAM overlays on held-out chest films");
        html.Append(CultureInfo.InvariantCulture, $"""
            <h2>Conditional DCGAN samples</h2>
            <p>One row per finding. The GAN is {WebUtility.HtmlEncode(ganTraining)}.</p>
            """);
        Image(html, result.GanGrid, "Generated chest films, one row per finding");
        html.Append(CultureInfo.InvariantCulture, $"""
            <p>The CNN agrees with the intended finding on <strong>{Percent(gan.GeneratedAgreement)}</strong> of generated films (on real held-out films: {Percent(gan.RealAgreement)}). Diversity (mean pairwise RMS pixel distance) generated ÷ real: <strong>{Format(gan.DiversityRatio)}</strong> (well below 1 means mode collapse). Films generated in the training proportions are predicted in proportions {Format(gan.ShareDistance)} (total variation) from them.</p>
            <table><tr><th>finding</th><th>generated</th><th>agreement (generated)</th><th>agreement (real)</th><th>diversity (generated)</th><th>diversity (real)</th></tr>
            """);
        foreach (var c in gan.Classes)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{WebUtility.HtmlEncode(c.ClassName)}</td><td>{c.Generated}</td><td>{Percent(c.GeneratedAgreement)}</td><td>{Percent(c.RealAgreement)}</td><td>{Format(c.GeneratedDiversity)}</td><td>{Format(c.RealDiversity)}</td></tr>\n");
        }

        html.Append("</table>\n</body></html>\n");
        return html.ToString();
    }

    private static void Image(StringBuilder html, string path, string alt) => html.Append(
        CultureInfo.InvariantCulture,
        $"<figure><img src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(path))}\" alt=\"{WebUtility.HtmlEncode(alt)}\"><figcaption>{WebUtility.HtmlEncode(Path.GetFileName(path))}</figcaption></figure>\n");

    private static string Format(double value) => double.IsNaN(value) ? "n/a" : value.ToString("F3", CultureInfo.InvariantCulture);

    private static string Percent(double value) => double.IsNaN(value) ? "n/a" : value.ToString("P1", CultureInfo.InvariantCulture);
}
