namespace Galen.Cli.Learning;

/// <summary>What <c>galen train --images</c> produced.</summary>
/// <param name="Bundle">The classifier's bundle (weights, configuration, evaluation).</param>
/// <param name="SaliencyGrid">PNG grid of Grad-CAM overlays on held-out films.</param>
/// <param name="TestPredictions">CSV of the held-out films' class probabilities, as the bundle predicts them.</param>
/// <param name="TrainFilms">Films trained on.</param>
/// <param name="TestFilms">Films held out.</param>
/// <param name="RejectedRows">labels.csv rows set aside (no finding).</param>
/// <param name="MacroAuroc">Macro one-vs-rest AUROC on the held-out films.</param>
public sealed record ImageExperimentResult(string Bundle, string SaliencyGrid, string TestPredictions, int TrainFilms, int TestFilms, int RejectedRows, double MacroAuroc);
