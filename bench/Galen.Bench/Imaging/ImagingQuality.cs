using System.Diagnostics;
using System.Globalization;
using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Data.Synthetic.Imaging;
using Galen.Deep.Imaging;
using Galen.Deep.Imaging.Transforms;
using Galen.Deep.Models.Imaging;
using Galen.Deep.Training;
using Galen.Evaluation.Metrics;

namespace Galen.Bench.Imaging;

/// <summary>
/// <c>image-quality</c>: trains the ResNet on synthetic chest films and measures, on held-out
/// films, the macro one-vs-rest AUROC (target ≥ 0.95) and per-finding AUROC, then how well
/// Grad-CAM finds the drawn lesions (peak inside the lesion's box, share of saliency inside the
/// mask against the mask's share of the image), and writes overlays. <c>image-gan</c> then
/// trains the conditional DCGAN and evaluates it with that classifier.
/// </summary>
internal static class ImagingQuality
{
    public static int Run(string[] args)
    {
        int train = Int(args, "--train", 4000);
        int test = Int(args, "--test", 2000);
        int epochs = Int(args, "--epochs", 12);
        int threads = Int(args, "--threads", 2);
        int seed = Int(args, "--seed", 42);
        string output = Option(args, "--out", "image-quality");
        Directory.CreateDirectory(output);
        Console.WriteLine($"image-quality: {train} training and {test} held-out films of 64×64, {epochs} epochs, {threads} thread(s), seed {seed}");
        var clock = Stopwatch.StartNew();
        var trainData = ChestFilmData.Generate(train, seed);
        var validation = ChestFilmData.Generate(test / 4, seed, first: train);
        var testData = ChestFilmData.Generate(test, seed + 1);
        using var model = TrainClassifier(trainData.Set, validation.Set, epochs, threads, seed, Path.Combine(output, "cnn-curve.png"), Int(args, "--stem-stride", 2));
        Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F0} s; best epoch {model.Training!.BestEpoch}");
        model.Save(Path.Combine(output, "cnn.galen-model"));
        Report(model, testData, output);
        return 0;
    }

    public static ImageClassifierModel TrainClassifier(LabelledSet<ImageSet> train, LabelledSet<ImageSet>? validation, int epochs, int threads, int seed, string? curve, int stemStride = 2)
    {
        var trainer = new ImageClassifierTrainer(new ImageClassifierOptions
        {
            Widths = [16, 32, 64],
            StemStride = stemStride,
            Augmentation =
            [
                new Rotate { MaxDegrees = 5, Probability = 0.5 },
                new RandomResizedCrop { Height = 64, Width = 64, MinScale = 0.85, MaxScale = 1, MinRatio = 0.9, MaxRatio = 1.1 },
                new ScaleIntensity { MinFactor = 0.9, MaxFactor = 1.1 },
                new ShiftIntensity { MaxOffset = 0.05 },
            ],
            Training = new TrainerOptions
            {
                Epochs = epochs,
                BatchSize = 64,
                Optimizer = new OptimizerOptions { Kind = OptimizerKind.AdamW, LearningRate = 3e-3, WeightDecay = 1e-4 },
                Schedule = new Galen.Deep.Training.Schedules.CosineSchedule(WarmupFraction: 0.05),
                Monitor = validation is null ? MonitoredMetrics.Loss : MonitoredMetrics.Accuracy,
                Threads = threads,
                Seed = seed,
                CurvePlotPath = curve,
                ProgressInterval = TimeSpan.FromSeconds(30),
            },
        });
        var progress = new ConsoleProgress();
        return trainer.Fit(train, validation, progress);
    }

    public static void Report(ImageClassifierModel model, ChestFilmData test, string output)
    {
        var predictions = model.Predict(test.Set.Inputs);
        var labels = Scorecard.ClassIndices(test.Set.Targets);
        var probabilities = predictions.Values.ToArray();
        int k = model.Schema.Width;
        double macro = MulticlassScores.MacroAuroc(labels, probabilities, k);
        Console.WriteLine($"held-out films: {test.Set.Count}; accuracy {MulticlassScores.Accuracy(labels, probabilities, k):F3}; macro one-vs-rest AUROC {macro:F4} (target ≥ 0.95)");
        for (int c = 0; c < k; c++)
        {
            var truth = labels.Select(l => l == c).ToArray();
            var scores = Enumerable.Range(0, labels.Length).Select(i => probabilities[(i * k) + c]).ToArray();
            Console.WriteLine($"  {model.Schema.Classes[c],-10} vs rest AUROC {BinaryRanking.Auroc(truth, scores):F4}");
        }

        var abnormal = labels.Select(l => l != 0).ToArray();
        var abnormalScores = Enumerable.Range(0, labels.Length).Select(i => 1 - probabilities[i * k]).ToArray();
        Console.WriteLine($"  abnormal vs normal AUROC {BinaryRanking.Auroc(abnormal, abnormalScores):F4}");
        Localisation(model, test, output);
    }

    /// <summary>Grad-CAM of the pneumonia class on held-out pneumonia films against the drawn lesions.</summary>
    private static void Localisation(ImageClassifierModel model, ChestFilmData test, string output)
    {
        var rows = Enumerable.Range(0, test.Films.Count).Where(i => test.Films[i].Finding == ChestFilmFinding.Pneumonia).ToArray();
        var films = rows.Select(i => test.Films[i]).ToArray();
        var maps = model.Saliency(test.Set.Inputs.Select(rows), (int)ChestFilmFinding.Pneumonia);
        int peaksInside = 0;
        double massInside = 0;
        double areaShare = 0;
        for (int i = 0; i < films.Length; i++)
        {
            var (x, y) = maps[i].Peak();
            peaksInside += films[i].Lesion!.Contains(x, y) ? 1 : 0;
            massInside += maps[i].MassInside(films[i].LesionMask);
            areaShare += films[i].LesionArea / (double)films[i].LesionMask.Length;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Grad-CAM (pneumonia) on {films.Length} held-out pneumonia films: peak inside the lesion box {peaksInside / (double)films.Length:P1}; saliency inside the mask {massInside / films.Length:P1} vs mask area {areaShare / films.Length:P1} of the image"));
        var overlays = films.Take(12).Select((film, i) => SaliencyOverlay.Blend(film.Pixels, ImageShape.Square(film.Size), maps[i].Values, Box(film))).ToArray();
        File.WriteAllBytes(Path.Combine(output, "gradcam-pneumonia.png"), ImageGrid.Png(ImageSet.FromArrays(overlays, new ImageShape(3, 64, 64)), columns: 6, scale: 3));
        Console.WriteLine($"overlays: {Path.GetFullPath(Path.Combine(output, "gradcam-pneumonia.png"))}");
    }

    public static ImageRegion? Box(ChestFilm film) => film.Lesion is { } b ? new ImageRegion(b.Left, b.Top, b.Right, b.Bottom) : null;

    private static int Int(string[] args, string name, int fallback) => int.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    internal static string Option(string[] args, string name, string fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    /// <summary>Prints each progress report on its own line (epochs and the occasional step).</summary>
    internal sealed class ConsoleProgress : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => Console.WriteLine($"  {value.Stage} {value.Completed}/{value.Total} {value.Detail}");
    }
}
