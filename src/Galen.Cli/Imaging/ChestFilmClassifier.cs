using System.Globalization;
using Galen.Core.Learning;
using Galen.Deep.Imaging;
using Galen.Deep.Imaging.Transforms;
using Galen.Deep.Models.Imaging;
using Galen.Deep.Training;
using Galen.Deep.Training.Schedules;
using Galen.Evaluation.Metrics;
using Spectre.Console;

namespace Galen.Cli.Imaging;

/// <summary>One held-out film drawn with its Grad-CAM overlay: its row, the class whose map is drawn, and the lesion box if known.</summary>
/// <param name="Row">Row of the film in the image set.</param>
/// <param name="ClassIndex">The class the saliency map explains (the film's own finding).</param>
/// <param name="Lesion">The drawn lesion's box, outlined on the overlay, or null.</param>
public sealed record SaliencyFilm(int Row, int ClassIndex, ImageRegion? Lesion);

/// <summary>
/// The chest-film classifier recipe shared by the demo's imaging stage and
/// <c>galen train --images</c>: the small ResNet's settings, the held-out macro one-vs-rest AUROC
/// with one AUROC per class, its table, and the Grad-CAM overlay grid of held-out films.
/// </summary>
public static class ChestFilmClassifier
{
    /// <summary>The small ResNet with light augmentation (rotation, intensity), AdamW and a cosine schedule.</summary>
    /// <param name="widths">Channels of each ResNet stage.</param>
    /// <param name="stemStride">Stride of the 3×3 stem (1 keeps small films' resolution; 2 halves 64-pixel films).</param>
    /// <param name="epochs">Training epochs.</param>
    /// <param name="seed">Seed of initialisation, shuffling and augmentation.</param>
    public static ImageClassifierOptions Options(IReadOnlyList<int> widths, int stemStride, int epochs, int seed) => new()
    {
        Widths = widths,
        StemStride = stemStride,
        Augmentation = [new Rotate { MaxDegrees = 5, Probability = 0.5 }, new ScaleIntensity { MinFactor = 0.95, MaxFactor = 1.05 }],
        Training = new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = 32,
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.AdamW, LearningRate = 3e-3, WeightDecay = 1e-4 },
            Schedule = new CosineSchedule(WarmupFraction: 0.05),
            Seed = seed,
        },
    };

    /// <summary>Macro one-vs-rest AUROC and each class's AUROC against the rest on labelled films (NaN for a class absent or alone in them).</summary>
    public static (double Macro, IReadOnlyList<(string Finding, double Auroc)> PerFinding) Score(ImageClassifierModel model, LabelledSet<ImageSet> test)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        return Score(model.Predict(test.Inputs), test.Targets);
    }

    /// <summary>Macro one-vs-rest AUROC and each class's AUROC from class probabilities already predicted.</summary>
    public static (double Macro, IReadOnlyList<(string Finding, double Auroc)> PerFinding) Score(Predictions predictions, TargetMatrix targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        var probabilities = predictions.Values.ToArray();
        var labels = Scorecard.ClassIndices(targets);
        var schema = targets.Schema;
        int k = schema.Width;
        var perFinding = new List<(string, double)>();
        for (int c = 0; c < k; c++)
        {
            var truth = labels.Select(l => l == c).ToArray();
            var scores = Enumerable.Range(0, labels.Length).Select(i => probabilities[(i * k) + c]).ToArray();
            perFinding.Add((schema.Classes[c], BinaryRanking.Auroc(truth, scores)));
        }

        return (MulticlassScores.MacroAuroc(labels, probabilities, k), perFinding);
    }

    /// <summary>The table of held-out AUROCs: macro one-vs-rest first, then each class against the rest.</summary>
    public static Table AurocTable(string title, double macro, IReadOnlyList<(string Finding, double Auroc)> perFinding)
    {
        ArgumentNullException.ThrowIfNull(perFinding);
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(title)}[/]");
        table.AddColumn("CNN (ResNet, TorchSharp)");
        table.AddColumn(new TableColumn("AUROC").RightAligned());
        table.AddRow("macro one-vs-rest", Format(macro));
        foreach (var (name, auroc) in perFinding)
        {
            table.AddRow($"{Markup.Escape(name)} vs rest", Format(auroc));
        }

        return table;
    }

    /// <summary>
    /// Picks the films to draw: those with a finding (class index other than 0, the normal class)
    /// first; normal films only fill the grid when too few have one.
    /// </summary>
    public static IReadOnlyList<SaliencyFilm> Pick(IReadOnlyList<SaliencyFilm> films, int count)
    {
        ArgumentNullException.ThrowIfNull(films);
        return films.Where(f => f.ClassIndex != 0).Concat(films.Where(f => f.ClassIndex == 0)).Take(count).ToArray();
    }

    /// <summary>Writes a PNG grid (6 columns, 4× scale) of each film's Grad-CAM overlay for its own class, the lesion boxed; returns the films drawn.</summary>
    public static int WriteSaliencyGrid(ImageClassifierModel model, ImageSet images, IReadOnlyList<SaliencyFilm> films, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(films);
        var shape = images.Shape;
        var overlays = new List<float[]>(films.Count);
        foreach (var film in films)
        {
            var map = model.Saliency(images.Select([film.Row]), film.ClassIndex)[0];
            overlays.Add(SaliencyOverlay.Blend(images[film.Row], shape, map.Values, film.Lesion));
        }

        File.WriteAllBytes(path, ImageGrid.Png(ImageSet.FromArrays(overlays, new ImageShape(3, shape.Height, shape.Width)), columns: 6, scale: 4));
        return films.Count;
    }

    /// <summary>An AUROC as printed: three decimals.</summary>
    public static string Format(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
