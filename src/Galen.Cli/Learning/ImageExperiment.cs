using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Galen.Cli.Imaging;
using Galen.Cli.Terminal;
using Galen.Core.Bundles;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Splits;
using Galen.Deep.Imaging;
using Galen.Deep.Models.Imaging;
using Galen.Evaluation.Resampling;
using Galen.Evaluation.Summaries;
using Galen.Learn.Configuration;
using Galen.Learn.Experiments;
using Spectre.Console;

namespace Galen.Cli.Learning;

/// <summary>
/// <c>galen train --images DIR --model cnn</c>: reads a folder of labelled films (as
/// <c>galen synth images</c> writes it), holds out a seeded quarter of the patients (each film
/// is its own patient unless labels.csv has a patient column), trains the small ResNet on the
/// rest, prints the held-out macro one-vs-rest AUROC and each class's, and writes the bundle, the
/// held-out predictions and a Grad-CAM overlay grid of held-out films.
/// </summary>
public static class ImageExperiment
{
    /// <summary>The one model that reads images.</summary>
    public const string ModelName = "cnn";

    /// <summary>Bundle <see cref="ModelBundles.InputsProperty"/> of an image classifier.</summary>
    public const string ImageInputs = "images";

    /// <summary>Share of patients held out for the AUROC; the rest train (no validation part: the epochs are fixed).</summary>
    public static HoldOutFractions Fractions { get; } = new(0.75, 0, 0.25);

    /// <summary>Held-out films drawn with their Grad-CAM overlay.</summary>
    public const int SaliencyFilms = 12;

    /// <summary>Runs the experiment and writes its files into <paramref name="outputFolder"/>.</summary>
    /// <param name="console">Where progress and results go.</param>
    /// <param name="imagesFolder">The film folder (labels.csv and PNGs).</param>
    /// <param name="epochs">Training epochs.</param>
    /// <param name="configuration">Seed and bootstrap settings.</param>
    /// <param name="outputFolder">Where the bundle and files go.</param>
    /// <param name="deterministic">Train bit-for-bit repeatably (<see cref="Galen.Deep.Training.TrainerOptions.Deterministic"/>).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<ImageExperimentResult> RunAsync(
        IAnsiConsole console,
        string imagesFolder,
        int epochs,
        TrainingConfiguration configuration,
        string outputFolder,
        bool deterministic,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(configuration);
        if (epochs < 1)
        {
            throw new GalenConfigurationException($"--epochs must be at least 1 (got {epochs}).");
        }

        string folder = Path.GetFullPath(imagesFolder);
        var films = await ProgressBars.RunAsync(console, "films", progress =>
            Task.Run(() => FilmFolderSource.Read(folder, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
        var all = films.Data;
        int seed = configuration.Seed;
        var split = PatientSplits.HoldOut(all, Fractions, seed);
        int patients = all.Samples.Select(s => s.PatientKey).Distinct(StringComparer.Ordinal).Count();
        if (split.Train.Count == 0 || split.Test.Count == 0)
        {
            throw new GalenInputException($"{patients} patients are too few for a training and a held-out part.", new SourceLocation(films.LabelsFile), "Use more films (galen synth images --count N).");
        }

        var train = all.Select(split.Train);
        var test = all.Select(split.Test);
        var shape = all.Inputs.Shape;
        string grouping = films.PatientColumn ? "patients from the patient column" : "each film its own patient";
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{all.Count} films of {shape.Height}×{shape.Width} from {films.LabelsFile} ({grouping}); hold-out by patient (seed {seed}): {train.Count} films to train on, {test.Count} held out.")));
        if (films.Rejected.Count > 0)
        {
            console.MarkupLine(Markup.Escape($"{films.Rejected.Count} rows of labels.csv set aside (first at line {films.Rejected[0].Line}: {films.Rejected[0].Reason})."));
        }

        Directory.CreateDirectory(outputFolder);
        string stem = Path.Combine(outputFolder, "images-" + ModelName);
        var widths = shape.Height <= 32 ? new[] { 8, 16, 32 } : [16, 32, 64];
        int stemStride = shape.Height >= 64 ? 2 : 1;
        var options = ChestFilmClassifier.Options(widths, stemStride, epochs, seed);
        options = options with { Training = options.Training with { CurvePlotPath = stem + "-training-curve.png", Deterministic = deterministic } };
        using var model = await ProgressBars.RunAsync(console, "train CNN", progress =>
            Task.Run(() => new ImageClassifierTrainer(options).Fit(train, null, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        var predictions = model.Predict(test.Inputs);
        var (macro, perFinding) = ChestFilmClassifier.Score(predictions, test.Targets);
        console.Write(ChestFilmClassifier.AurocTable($"held-out films ({test.Count})", macro, perFinding));
        console.MarkupLine(Markup.Escape(
            $"CNN test AUROC (macro one-vs-rest) {ChestFilmClassifier.Format(macro)} on {test.Count} held-out films; trained on {train.Count} films for {epochs} epochs."));

        string protocol = string.Create(CultureInfo.InvariantCulture,
            $"hold-out by patient (seed {seed}): trained on {train.Count} films of {Patients(train)} patients for {epochs} epochs; metrics on {test.Count} held-out films of {Patients(test)} patients the model never saw");
        var evaluation = Evaluator.Evaluate(
            ModelName,
            model.Description,
            protocol,
            test.Targets,
            predictions,
            test.Samples,
            null,
            new EvaluationOptions(new BootstrapOptions(configuration.BootstrapResamples, 0.95, seed), Threshold: configuration.Threshold, ConformalAlpha: configuration.ConformalAlpha),
            null,
            cancellationToken);

        string bundle = stem + ModelBundle.Extension;
        Save(bundle, model, evaluation, train, films, perFinding, epochs, seed, widths, stemStride);
        string csv = stem + "-test-predictions.csv";
        await File.WriteAllTextAsync(csv, PredictionsCsv(test, predictions), cancellationToken).ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        string grid = stem + "-gradcam.png";
        var candidates = split.Test.Select((row, i) => new SaliencyFilm(i, (int)test.Targets.Values[i], films.Lesions[row])).ToArray();
        int shown = ChestFilmClassifier.WriteSaliencyGrid(model, test.Inputs, ChestFilmClassifier.Pick(candidates, SaliencyFilms), grid);
        console.MarkupLine($"Grad-CAM overlays of {shown} held-out films: [link]{Markup.Escape(grid)}[/]");
        console.MarkupLine($"Bundle: [link]{Markup.Escape(bundle)}[/]; held-out predictions: [link]{Markup.Escape(csv)}[/]");
        return new ImageExperimentResult(bundle, grid, csv, train.Count, test.Count, films.Rejected.Count, macro);
    }

    private static int Patients(LabelledSet<ImageSet> set) => set.Samples.Select(s => s.PatientKey).Distinct(StringComparer.Ordinal).Count();

    private static void Save(
        string path,
        ImageClassifierModel model,
        ModelEvaluation evaluation,
        LabelledSet<ImageSet> train,
        FilmFolderData films,
        IReadOnlyList<(string Finding, double Auroc)> perFinding,
        int epochs,
        int seed,
        IReadOnlyList<int> widths,
        int stemStride)
    {
        var metrics = evaluation.Metrics.ToDictionary(m => m.Name, m => m.Value);
        foreach (var (finding, auroc) in perFinding)
        {
            metrics[$"AUROC {finding} vs rest"] = auroc;
        }

        var training = new Dictionary<string, object>
        {
            ["epochs"] = epochs,
            ["seed"] = seed,
            ["widths"] = widths,
            ["stemStride"] = stemStride,
            ["heldOutShare"] = Fractions.Test,
        };
        var manifest = new BundleManifest
        {
            FormatVersion = ModelBundle.FormatVersion,
            Family = string.Empty,
            FamilyVersion = 0,
            Name = ModelName,
            Description = evaluation.Description,
            Schema = train.Targets.Schema,
            Features = [],
            CreatedUtc = DateTime.UtcNow,
            GalenVersion = ModelBundle.GalenVersion,
            TrainingData = Fingerprint(train),
            Metrics = metrics,
            Properties = new Dictionary<string, string>
            {
                ["dataset"] = Path.GetFileName(films.Directory.TrimEnd(Path.DirectorySeparatorChar)),
                ["configuration"] = JsonSerializer.Serialize(training, BundleJson.Options),
                [ModelBundles.InputsProperty] = ImageInputs,
                ["imageShape"] = train.Inputs.Shape.ToString(),
            },
        };
        var attachments = new Dictionary<string, byte[]>
        {
            [TabularBundles.EvaluationAttachment] = JsonSerializer.SerializeToUtf8Bytes(evaluation, BundleJson.Options),
        };
        ModelBundle.Save(path, model, manifest, ModelBundles.Codecs, attachments);
    }

    /// <summary>Size, pixels per image, patients, and a SHA-256 of the pixels and findings of the training films.</summary>
    private static DataFingerprint Fingerprint(LabelledSet<ImageSet> train)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(train.Inputs.Shape.ToString() + "\n"));
        for (int i = 0; i < train.Count; i++)
        {
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(train.Inputs[i]));
        }

        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(train.Targets.Values));
        hash.AppendData(Encoding.UTF8.GetBytes(train.Targets.Schema.Name + "/" + train.Targets.Schema.Kind.ToString()));
        return new DataFingerprint(train.Count, train.Inputs.Shape.Values, Patients(train), Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>One line per held-out film: its file, its finding, then each class's probability (round-trip precision).</summary>
    private static string PredictionsCsv(LabelledSet<ImageSet> test, Predictions predictions)
    {
        var schema = test.Targets.Schema;
        int k = schema.Width;
        var values = predictions.Values;
        var text = new StringBuilder();
        text.Append("file,finding,").AppendJoin(',', schema.Classes.Select(c => "p_" + c)).Append('\n');
        for (int i = 0; i < test.Count; i++)
        {
            text.Append(test.Samples[i].SampleKey).Append(',').Append(schema.Classes[(int)test.Targets.Values[i]]);
            for (int c = 0; c < k; c++)
            {
                text.Append(',').Append(values[(i * k) + c].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
