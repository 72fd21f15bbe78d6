using System.Diagnostics;
using System.Globalization;
using Galen.Deep.Imaging;
using Galen.Deep.Models.Imaging;
using Galen.Deep.Persistence;
using Galen.Deep.Training;

namespace Galen.Bench.Imaging;

/// <summary>
/// <c>image-gan</c>: trains the class-conditional DCGAN on 64×64 synthetic chest films, then
/// judges it with the classifier that <c>image-quality</c> saved (or one trained here): the
/// classifier's agreement with the intended finding on generated films against real ones, the
/// predicted finding shares against the training shares, and sample diversity against real films;
/// writes a PNG grid of samples (one row per finding).
/// </summary>
internal static class ImagingGan
{
    public static int Run(string[] args)
    {
        int train = Int(args, "--train", 4000);
        int epochs = Int(args, "--epochs", 25);
        int threads = Int(args, "--threads", 2);
        int seed = Int(args, "--seed", 42);
        int perClass = Int(args, "--per-class", 200);
        double classLossWeight = double.Parse(ImagingQuality.Option(args, "--class-loss-weight", "1"), CultureInfo.InvariantCulture);
        string output = ImagingQuality.Option(args, "--out", "image-quality");
        string classifierPath = ImagingQuality.Option(args, "--classifier", Path.Combine(output, "cnn.galen-model"));
        Directory.CreateDirectory(output);
        Console.WriteLine($"image-gan: {train} training films of 64×64, {epochs} epochs, {threads} thread(s), seed {seed}");
        var data = ChestFilmData.Generate(train, seed);
        var real = ChestFilmData.Generate(perClass * 3, seed + 1);
        using var classifier = File.Exists(classifierPath)
            ? DeepModelArchive.Load<ImageClassifierModel>(classifierPath)
            : ImagingQuality.TrainClassifier(data.Set, null, Int(args, "--classifier-epochs", 12), threads, seed, curve: null);
        Console.WriteLine(File.Exists(classifierPath) ? $"classifier: {classifierPath}" : "classifier: trained here (run image-quality first to reuse its model)");
        var clock = Stopwatch.StartNew();
        var options = new ImageGanOptions
        {
            ClassLossWeight = classLossWeight,
            Training = new ImageGanOptions().Training with { Epochs = epochs, Threads = threads, Seed = seed, ProgressInterval = TimeSpan.FromSeconds(30) },
        };
        using var gan = new ImageGanTrainer(options).Fit(data.Set, new ImagingQuality.ConsoleProgress());
        Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F0} s: {gan.Description}");
        gan.Save(Path.Combine(output, "gan.galen-model"));
        var evaluation = GanEvaluator.Evaluate(gan, classifier, real.Set, perClass, seed);
        Console.WriteLine($"{"finding",-12}{"generated",10}{"agree gen",11}{"agree real",12}{"div gen",9}{"div real",10}");
        foreach (var c in evaluation.Classes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.ClassName,-12}{c.Generated,10}{c.GeneratedAgreement,11:P1}{c.RealAgreement,12:P1}{c.GeneratedDiversity,9:F3}{c.RealDiversity,10:F3}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"classifier agreement: generated {evaluation.GeneratedAgreement:P1}, real {evaluation.RealAgreement:P1}; predicted shares [{string.Join(", ", evaluation.PredictedShares.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))}] vs training [{string.Join(", ", evaluation.TrainingShares.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))}] (total variation {evaluation.ShareDistance:F3}); diversity generated / real {evaluation.DiversityRatio:F2}"));
        string grid = Path.Combine(output, "gan-samples.png");
        File.WriteAllBytes(grid, ImageGrid.Png(gan.Generate(8, seed), columns: 8, scale: 2));
        Console.WriteLine($"samples (one row per finding): {Path.GetFullPath(grid)}");
        return 0;
    }

    private static int Int(string[] args, string name, int fallback) =>
        int.Parse(ImagingQuality.Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
