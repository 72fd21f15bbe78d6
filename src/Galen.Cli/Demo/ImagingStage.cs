using System.Globalization;
using Galen.Cli.Imaging;
using Galen.Cli.Terminal;
using Galen.Core.Learning;
using Galen.Core.Randomness;
using Galen.Data.Synthetic.Imaging;
using Galen.Deep.Imaging;
using Galen.Deep.Imaging.Transforms;
using Galen.Deep.Models.Imaging;
using Galen.Deep.Training;
using Galen.Evaluation.Metrics;
using Spectre.Console;

namespace Galen.Cli.Demo;

/// <summary>
/// Generates synthetic chest films, trains the ResNet classifier on three quarters of them and
/// reports its macro one-vs-rest AUROC on the held-out quarter, draws Grad-CAM overlays of
/// held-out films with a finding, trains a short conditional DCGAN and judges its samples with
/// the classifier, and writes both PNG grids and the numbers into an HTML page.
/// </summary>
public sealed class ImagingStage(ImagingDemoSettings? settings = null) : IDemoStage
{
    private static readonly LabelSchema Finding = new("finding", LabelKind.Multiclass, ChestFilmFindings.Names, "finding on the chest film");

    /// <summary>The settings this stage runs with.</summary>
    public ImagingDemoSettings Settings { get; } = settings ?? new ImagingDemoSettings();

    public string Title => "imaging: chest-film classifier, Grad-CAM and a conditional GAN";

    public async Task RunAsync(DemoContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = Settings;
        s.Validate();
        int seed = context.Options.Seed;
        string folder = Path.Combine(context.WorkDirectory, "models");
        Directory.CreateDirectory(folder);

        var generator = new ChestFilmGenerator(new ChestFilmOptions
        {
            Count = s.Films,
            Size = s.Size,
            Seed = Seeds.Derive(seed, "demo.chest-films"),
            LesionContrastScale = s.LesionContrastScale,
        });
        var films = await ProgressBars.RunAsync(context.Console, "chest films", progress =>
            Task.Run(() => generator.Generate(progress, cancellationToken), cancellationToken)).ConfigureAwait(false);

        // Every film is a different synthetic patient, so a hold-out of films is a hold-out of patients.
        int trainCount = films.Length * 3 / 4;
        var trainFilms = films[..trainCount];
        var testFilms = films[trainCount..];
        var train = Labelled(trainFilms, s.Size);
        var test = Labelled(testFilms, s.Size);
        context.Console.MarkupLine(
            $"{films.Length} synthetic chest films of {s.Size}×{s.Size} (seed {seed}): {trainFilms.Length} to train on, {testFilms.Length} held out.");

        var classifierOptions = ChestFilmClassifier.Options(s.Widths, stemStride: 1, s.ClassifierEpochs, seed);
        using var classifier = await ProgressBars.RunAsync(context.Console, "train CNN", progress =>
            Task.Run(() => new ImageClassifierTrainer(classifierOptions).Fit(train, null, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);

        var (macro, perFinding) = ChestFilmClassifier.Score(classifier, test);
        var table = ChestFilmClassifier.AurocTable($"held-out films ({testFilms.Length})", macro, perFinding);
        context.Console.Write(table);
        context.Console.MarkupLine(
            $"CNN test AUROC (macro one-vs-rest) {Format(macro)} on {testFilms.Length} held-out films; trained on {trainFilms.Length} films for {s.ClassifierEpochs} epochs.");

        cancellationToken.ThrowIfCancellationRequested();
        string saliencyGrid = Path.Combine(folder, "imaging-gradcam.png");
        int shown = WriteSaliency(classifier, testFilms, test.Inputs, saliencyGrid);
        context.Console.MarkupLine($"Grad-CAM overlays of {shown} held-out films: [link]{Markup.Escape(saliencyGrid)}[/]");

        var ganOptions = new ImageGanOptions
        {
            LatentSize = 32,
            GeneratorWidth = s.GanWidth,
            DiscriminatorWidth = s.GanWidth,
            Training = new ImageGanOptions().Training with { Epochs = s.GanEpochs, Seed = seed },
        };
        using var gan = await ProgressBars.RunAsync(context.Console, "train GAN", progress =>
            Task.Run(() => new ImageGanTrainer(ganOptions).Fit(train, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var evaluation = GanEvaluator.Evaluate(gan, classifier, test, s.GanSamplesPerFinding, seed);
        string ganGrid = Path.Combine(folder, "imaging-gan-samples.png");
        await File.WriteAllBytesAsync(ganGrid, ImageGrid.Png(gan.Generate(8, seed), columns: 8, scale: 3), cancellationToken).ConfigureAwait(false);

        string training = ShortTrainingNote(s, trainFilms.Length);
        context.Console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Conditional DCGAN, {training}: the CNN agrees with the intended finding on {evaluation.GeneratedAgreement:P1} of generated films (real held-out films: {evaluation.RealAgreement:P1}); diversity generated ÷ real {evaluation.DiversityRatio:F2}.")));
        context.Console.MarkupLine($"GAN samples (one row per finding): [link]{Markup.Escape(ganGrid)}[/]");

        string page = Path.Combine(folder, "imaging-report.html");
        var result = new ImagingDemoResult(page, saliencyGrid, ganGrid, trainFilms.Length, testFilms.Length, macro, evaluation);
        await File.WriteAllTextAsync(page, ImagingReportPage.Render(result, perFinding, s, seed, training), cancellationToken).ConfigureAwait(false);
        context.Console.MarkupLine($"Imaging report: [link]{Markup.Escape(page)}[/]");
        context.Set(result);
    }

    /// <summary>Says how far the GAN's training is from the full-size run, in words a reader can check.</summary>
    private static string ShortTrainingNote(ImagingDemoSettings s, int trainFilms) =>
        (long)s.GanEpochs * trainFilms < (long)ImagingDemoSettings.FullGanEpochs * ImagingDemoSettings.FullGanFilms
            ? string.Create(CultureInfo.InvariantCulture, $"short-trained ({s.GanEpochs} epochs on {trainFilms} films; the image-gan benchmark trains {ImagingDemoSettings.FullGanEpochs} epochs on {ImagingDemoSettings.FullGanFilms}), so expect blurry samples")
            : string.Create(CultureInfo.InvariantCulture, $"{s.GanEpochs} epochs on {trainFilms} films");

    /// <summary>Grad-CAM of each film's own finding on held-out films, the drawn lesion boxed.</summary>
    private int WriteSaliency(ImageClassifierModel model, IReadOnlyList<ChestFilm> films, ImageSet images, string path)
    {
        var candidates = Enumerable.Range(0, films.Count)
            .Select(i => new SaliencyFilm(i, (int)films[i].Finding, films[i].Lesion is { } b ? new ImageRegion(b.Left, b.Top, b.Right, b.Bottom) : null))
            .ToArray();
        return ChestFilmClassifier.WriteSaliencyGrid(model, images, ChestFilmClassifier.Pick(candidates, Settings.SaliencyFilms), path);
    }

    private static LabelledSet<ImageSet> Labelled(IReadOnlyList<ChestFilm> films, int size) => new(
        ImageSet.FromArrays(films.Select(f => f.Pixels).ToArray(), ImageShape.Square(size), "synthetic chest films"),
        new TargetMatrix(Finding, films.Select(f => (float)(int)f.Finding).ToArray()),
        films.Select(f => new SampleInfo($"film-{f.Index}", $"film-{f.Index}", null, new Dictionary<string, string>())).ToArray());

    private static string Format(double value) => ChestFilmClassifier.Format(value);
}
