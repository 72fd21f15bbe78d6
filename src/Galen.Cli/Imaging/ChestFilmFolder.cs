using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Galen.Core.Errors;
using Galen.Core.Progress;
using Galen.Data.Synthetic.Imaging;
using Galen.Deep.Imaging;

namespace Galen.Cli.Imaging;

/// <summary>What <see cref="ChestFilmFolder.Write"/> wrote.</summary>
/// <param name="Directory">The folder.</param>
/// <param name="Films">Films written.</param>
/// <param name="Findings">Films per finding.</param>
/// <param name="Masks">Lesion masks written (one per film with a finding).</param>
public sealed record ChestFilmFolderSummary(string Directory, int Films, IReadOnlyDictionary<ChestFilmFinding, int> Findings, int Masks);

/// <summary>
/// A folder of synthetic chest films: <c>images/film-NNNNNN.png</c>, <c>masks/film-NNNNNN.png</c>
/// (white = lesion; films with a finding only), <c>labels.csv</c> (label and ground truth per
/// film) and <c>manifest.json</c> (seed, model version, counts).
/// </summary>
public static class ChestFilmFolder
{
    /// <summary>The manifest's format name; only a folder holding it may be overwritten.</summary>
    public const string FormatName = "galen.chest-films";

    private const int Chunk = 256;

    /// <summary>Makes the folder ready: missing or empty is fine; an earlier film folder is emptied of its own files with <paramref name="overwrite"/>; anything else is refused.</summary>
    public static void Prepare(string directory, bool overwrite)
    {
        if (!Directory.Exists(directory) || !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            return;
        }

        string manifest = Path.Combine(directory, "manifest.json");
        bool ours = File.Exists(manifest) && ReadFormat(manifest) == FormatName;
        if (!ours)
        {
            throw new GalenInputException(
                "The output folder is not empty and does not hold synthetic chest films.",
                new SourceLocation(directory),
                "Choose a new or empty folder.");
        }

        if (!overwrite)
        {
            throw new GalenInputException(
                "The output folder already holds synthetic chest films.",
                new SourceLocation(directory),
                "Pass --overwrite to replace them, or choose another folder.");
        }

        foreach (string sub in new[] { "images", "masks" })
        {
            string folder = Path.Combine(directory, sub);
            if (Directory.Exists(folder))
            {
                foreach (string file in Directory.EnumerateFiles(folder, "film-*.png"))
                {
                    File.Delete(file);
                }
            }
        }

        File.Delete(Path.Combine(directory, "labels.csv"));
        File.Delete(manifest);
    }

    /// <summary>Generates every film of <paramref name="generator"/> into <paramref name="directory"/>, a chunk at a time.</summary>
    public static ChestFilmFolderSummary Write(ChestFilmGenerator generator, string directory, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var options = generator.Options;
        Directory.CreateDirectory(Path.Combine(directory, "images"));
        Directory.CreateDirectory(Path.Combine(directory, "masks"));
        WriteManifest(directory, options, null, complete: false);
        var counts = Enum.GetValues<ChestFilmFinding>().ToDictionary(f => f, _ => 0);
        int masks = 0;
        var shape = ImageShape.Square(options.Size);
        using (var labels = new StreamWriter(Path.Combine(directory, "labels.csv"), false, new UTF8Encoding(false)))
        {
            labels.NewLine = "\n";
            labels.WriteLine(ChestFilmLabels.Header);
            progress?.Report(new WorkProgress("films", 0, options.Count));
            for (int start = 0; start < options.Count; start += Chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(Chunk, options.Count - start);
                var rows = new string[count];
                Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                {
                    var film = generator.Film(start + i);
                    string name = string.Create(CultureInfo.InvariantCulture, $"film-{start + i + 1:D6}.png");
                    PngImages.Write(Path.Combine(directory, "images", name), film.Pixels, shape);
                    string? mask = null;
                    if (film.Lesion is not null)
                    {
                        mask = "masks/" + name;
                        PngImages.Write(Path.Combine(directory, "masks", name), Array.ConvertAll(film.LesionMask, inside => inside ? 1f : 0f), shape);
                    }

                    rows[i] = ChestFilmLabels.Row(film, "images/" + name, mask);
                    lock (counts)
                    {
                        counts[film.Finding]++;
                        masks += mask is null ? 0 : 1;
                    }
                });
                foreach (string row in rows)
                {
                    labels.WriteLine(row);
                }

                progress?.Report(new WorkProgress("films", start + count, options.Count));
            }
        }

        WriteManifest(directory, options, counts, complete: true);
        return new ChestFilmFolderSummary(directory, options.Count, counts, masks);
    }

    private static void WriteManifest(string directory, ChestFilmOptions options, Dictionary<ChestFilmFinding, int>? counts, bool complete)
    {
        var manifest = new JsonObject
        {
            ["format"] = FormatName,
            ["model_version"] = ChestFilmGenerator.ModelVersion,
            ["complete"] = complete,
            ["seed"] = options.Seed,
            ["count"] = options.Count,
            ["size"] = options.Size,
            ["pneumonia_fraction"] = options.PneumoniaFraction,
            ["oedema_fraction"] = options.OedemaFraction,
            ["classes"] = new JsonArray([.. ChestFilmFindings.Names.Select(n => (JsonNode)n)]),
        };
        if (counts is not null)
        {
            manifest["findings"] = new JsonObject(counts.Select(p => new KeyValuePair<string, JsonNode?>(ChestFilmFindings.Name(p.Key), p.Value)));
        }

        File.WriteAllText(Path.Combine(directory, "manifest.json"), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static string? ReadFormat(string manifest)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(manifest))?["format"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
