using Galen.Deep.Models.Imaging;

namespace Galen.Cli.Demo;

/// <summary>What <see cref="ImagingStage"/> produced.</summary>
/// <param name="Page">The HTML page with both grids and the numbers.</param>
/// <param name="SaliencyGrid">PNG grid of Grad-CAM overlays on held-out films.</param>
/// <param name="GanGrid">PNG grid of generated films, one row per finding.</param>
/// <param name="TrainFilms">Films the models trained on.</param>
/// <param name="TestFilms">Held-out films the classifier and the GAN were judged on.</param>
/// <param name="MacroAuroc">The classifier's macro one-vs-rest AUROC on the held-out films.</param>
/// <param name="Gan">The GAN judged by the classifier.</param>
public sealed record ImagingDemoResult(string Page, string SaliencyGrid, string GanGrid, int TrainFilms, int TestFilms, double MacroAuroc, GanEvaluation Gan);
