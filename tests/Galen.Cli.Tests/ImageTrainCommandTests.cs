using System.Globalization;
using System.Text.RegularExpressions;
using Galen.Cli.Imaging;
using Galen.Cli.Learning;
using Galen.Deep.Imaging;
using Spectre.Console.Testing;

namespace Galen.Cli.Tests;

/// <summary>galen train --images on a tiny folder written by galen synth images: 120 films of 16×16, 2 epochs.</summary>
public sealed partial class ImageTrainCommandTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _work = Path.Combine(Path.GetTempPath(), "galen-image-train-" + Guid.NewGuid().ToString("N"));

    public ImageTrainCommandTests() => Directory.CreateDirectory(_work);

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private async Task<string> SynthesiseAsync(int count = 120)
    {
        string films = Path.Combine(_work, "films");
        var (code, output) = await CliRun.RunAsync("synth", "images", "--count", count.ToString(CultureInfo.InvariantCulture), "--size", "16", "--seed", "5", "--out", films);
        Assert.True(code == GalenApp.Ok, output);
        return films;
    }

    private static async Task<(int Code, string Output)> TrainAsync(string films, string output, params string[] extra) =>
        await CliRun.RunAsync(["train", "--images", films, "--model", "cnn", "--epochs", "2", "--seed", "3", "--out", output, .. extra]);

    /// <summary>Replaces one field of one line of labels.csv (line 1 is the header).</summary>
    private static void EditLabels(string films, int line, string column, string value)
    {
        string path = Path.Combine(films, "labels.csv");
        var lines = File.ReadAllLines(path);
        int at = Array.IndexOf(lines[0].Split(','), column);
        var fields = lines[line - 1].Split(',');
        fields[at] = value;
        lines[line - 1] = string.Join(',', fields);
        File.WriteAllLines(path, lines);
    }

    private static string Flat(string output) => output.Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);

    [Fact]
    public async Task Train_on_a_film_folder_prints_the_held_out_auroc_and_writes_the_bundle_predictions_and_gradcam_grid()
    {
        string films = await SynthesiseAsync();
        EditLabels(films, line: 8, "finding", string.Empty);
        EditLabels(films, line: 8, "class_index", string.Empty);
        string output = Path.Combine(_work, "out");

        var (code, text) = await TrainAsync(films, output);

        Assert.True(code == GalenApp.Ok, text);
        string flat = Flat(text);
        Assert.Contains("1 rows of labels.csv set aside (first at line 8: no finding or class_index)", flat, StringComparison.Ordinal);
        Assert.Contains("119 films of 16×16", flat, StringComparison.Ordinal);
        var held = HeldOutAuroc().Match(flat);
        Assert.True(held.Success, text);
        int testFilms = int.Parse(held.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.InRange(testFilms, 25, 35);
        Assert.Contains($"trained on {119 - testFilms} films for 2 epochs", flat, StringComparison.Ordinal);
        foreach (string finding in new[] { "normal", "pneumonia", "oedema" })
        {
            Assert.Matches($"{finding} vs rest[ │]+[01]\\.\\d{{3}}", text);
        }

        Assert.True(File.Exists(Path.Combine(output, "images-cnn.galen")));
        Assert.True(File.Exists(Path.Combine(output, "images-cnn-training-curve.png")));
        var predictions = File.ReadAllLines(Path.Combine(output, "images-cnn-test-predictions.csv"));
        Assert.Equal("file,finding,p_normal,p_pneumonia,p_oedema", predictions[0]);
        Assert.Equal(testFilms, predictions.Length - 1);

        // 12 overlays in a 6-column grid at 4× with 2-pixel padding: 2 rows of 16-pixel films.
        var grid = await File.ReadAllBytesAsync(Path.Combine(output, "images-cnn-gradcam.png"));
        Assert.Equal(PngSignature, grid[..8]);
        var (pixels, shape) = PngImages.Read(Path.Combine(output, "images-cnn-gradcam.png"), ImageColor.Rgb);
        Assert.Equal((6 * 16 * 4) + (7 * 2), shape.Width);
        Assert.Equal((2 * 16 * 4) + (3 * 2), shape.Height);
        Assert.Contains(pixels, v => v > 0);
    }

    [Fact]
    public async Task The_bundle_reloads_and_predicts_the_held_out_films_identically_and_the_seed_repeats_the_run()
    {
        string films = await SynthesiseAsync();
        string first = Path.Combine(_work, "first");
        string second = Path.Combine(_work, "second");
        var (code, text) = await TrainAsync(films, first, "--deterministic");
        Assert.True(code == GalenApp.Ok, text);
        (code, text) = await TrainAsync(films, second, "--deterministic");
        Assert.True(code == GalenApp.Ok, text);

        // The same seed gives the same hold-out and the same training; with --deterministic
        // (one libtorch thread, deterministic algorithms) no thread can add numbers in another
        // order, so the probabilities repeat bit for bit even on a busy machine.
        var written = File.ReadAllLines(Path.Combine(first, "images-cnn-test-predictions.csv"));
        var repeated = File.ReadAllLines(Path.Combine(second, "images-cnn-test-predictions.csv"));
        Assert.Equal(written, repeated);

        var bundle = ModelBundles.Load(Path.Combine(first, "images-cnn.galen"));
        Assert.Equal(["normal", "pneumonia", "oedema"], bundle.Manifest.Schema.Classes);
        Assert.Equal(ImageExperiment.ImageInputs, bundle.Manifest.Properties[ModelBundles.InputsProperty]);
        Assert.NotNull(ModelBundles.EvaluationOf(bundle));
        var folder = FilmFolderSource.Read(films, null, CancellationToken.None).Data;
        var rowOf = folder.Samples.Select((s, i) => (s.SampleKey, i)).ToDictionary(p => p.SampleKey, p => p.i, StringComparer.Ordinal);
        var rows = written.Skip(1).Select(line => rowOf[line.Split(',')[0]]).ToArray();
        var reloaded = bundle.ModelFor<ImageSet>().Predict(folder.Inputs.Select(rows)).Values.ToArray();
        (bundle.Model as IDisposable)?.Dispose();
        for (int i = 0; i < rows.Length; i++)
        {
            var fields = written[i + 1].Split(',');
            for (int c = 0; c < 3; c++)
            {
                Assert.Equal(fields[2 + c], reloaded[(i * 3) + c].ToString("R", CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task A_patient_column_keeps_each_patients_films_on_one_side_of_the_hold_out()
    {
        string films = await SynthesiseAsync();
        string labels = Path.Combine(films, "labels.csv");
        var lines = File.ReadAllLines(labels);
        var patientOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i < lines.Length; i++)
        {
            string patient = $"P{(i - 1) / 3}";
            patientOf[lines[i].Split(',')[0]] = patient;
            lines[i] += "," + patient;
        }

        lines[0] += ",patient";
        File.WriteAllLines(labels, lines);
        string output = Path.Combine(_work, "out");

        var (code, text) = await TrainAsync(films, output);

        Assert.True(code == GalenApp.Ok, text);
        Assert.Contains("patients from the patient column", Flat(text), StringComparison.Ordinal);
        var heldOut = File.ReadAllLines(Path.Combine(output, "images-cnn-test-predictions.csv")).Skip(1).Select(l => l.Split(',')[0]).ToHashSet(StringComparer.Ordinal);
        var heldOutPatients = heldOut.Select(f => patientOf[f]).ToHashSet(StringComparer.Ordinal);
        Assert.InRange(heldOutPatients.Count, 8, 12);
        Assert.All(patientOf, p => Assert.Equal(heldOutPatients.Contains(p.Value), heldOut.Contains(p.Key)));
    }

    [Fact]
    public async Task Training_stops_when_cancelled_and_writes_no_bundle()
    {
        string films = await SynthesiseAsync();
        string output = Path.Combine(_work, "out");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // 500 epochs would take minutes; cancellation must stop it within the epoch under way.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImageExperiment.RunAsync(
            new TestConsole().Width(200), films, 500, new Galen.Learn.Configuration.TrainingConfiguration(), output, deterministic: false, cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"stopped after {clock.Elapsed}");
        Assert.False(File.Exists(Path.Combine(output, "images-cnn.galen")));
    }

    [Fact]
    public async Task A_bad_labels_row_is_a_user_error_naming_the_file_line_field_and_value()
    {
        string films = await SynthesiseAsync(count: 12);
        EditLabels(films, line: 5, "class_index", "7");

        var (code, text) = await TrainAsync(films, Path.Combine(_work, "out"));

        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("labels.csv:5 field 'class_index' value '7'", Flat(text), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_work, "out")));
    }

    [Fact]
    public async Task An_unreadable_film_is_a_user_error_naming_its_labels_row()
    {
        string films = await SynthesiseAsync(count: 12);
        File.WriteAllText(Path.Combine(films, "images", "film-000004.png"), "not a png");

        var (code, text) = await TrainAsync(films, Path.Combine(_work, "out"));

        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("labels.csv:5 field 'file' value 'images/film-000004.png'", Flat(text), StringComparison.Ordinal);
        Assert.Contains("cannot be read", Flat(text), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--task", "mortality", "--images cannot be combined with --task")]
    [InlineData("--data", "x.csv", "--images cannot be combined with --data")]
    [InlineData("--model", "gru", "Only the CNN trains on images, not 'gru'")]
    public async Task Options_that_cannot_apply_to_images_are_configuration_errors(string option, string value, string message)
    {
        var (code, text) = await CliRun.RunAsync("train", "--images", _work, option, value, "--out", Path.Combine(_work, "out"));

        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains(message, Flat(text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cnn_without_images_is_a_configuration_error()
    {
        var (code, text) = await CliRun.RunAsync("train", "--model", "cnn", "--task", "mortality", "--out", Path.Combine(_work, "out"));

        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("The CNN trains on images", Flat(text), StringComparison.Ordinal);
        Assert.Contains("--images", Flat(text), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"CNN test AUROC \(macro one-vs-rest\) ([01]\.\d{3}) on (\d+) held-out films")]
    private static partial Regex HeldOutAuroc();
}
