using System.Globalization;
using System.Text.Json;

namespace Galen.Data.Synthetic;

/// <summary>
/// What a synthetic hospital's <c>manifest.json</c> says about the folder: the generator, format,
/// seed, whether the run completed, the files it wrote, and the latest time anywhere in the data
/// (the end of the hospital's clock). Ingest reads it so that <c>galen synth</c> followed by
/// <c>galen ingest</c> needs no extra options: dates are checked against the hospital's own clock.
/// </summary>
/// <param name="Format">"mimic", "omop" or "fhir".</param>
/// <param name="Seed">The seed the hospital was generated with.</param>
/// <param name="ModelVersion">The generative model's version.</param>
/// <param name="Complete">False while (or if) the generating run did not finish.</param>
/// <param name="LatestTime">The latest time written anywhere in the data; null for an incomplete run or an older manifest.</param>
/// <param name="Files">Paths of the files written, relative to the folder, '/'-separated (<c>bundles/*.json</c> for FHIR bundles).</param>
public sealed record SyntheticHospitalManifest(string Format, int Seed, int ModelVersion, bool Complete, DateTime? LatestTime, IReadOnlyList<string> Files)
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The value of its <c>generator</c> field, which marks a folder as a synthetic hospital.</summary>
    public const string Generator = "Galen synthetic hospital";

    /// <summary>The format of <c>latest_time</c>: minute-resolution wall-clock time, as every synthetic time is.</summary>
    internal const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss";

    /// <summary>
    /// The manifest of the synthetic hospital in <paramref name="folder"/> (or of the manifest
    /// file itself), or null when there is none or the file is not a synthetic hospital's manifest.
    /// </summary>
    public static SyntheticHospitalManifest? TryRead(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string path = Directory.Exists(folder) ? Path.Combine(folder, FileName) : folder;
        if (!File.Exists(path) || !string.Equals(Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("generator", out var generator)
                || generator.ValueKind != JsonValueKind.String || generator.GetString() != Generator)
            {
                return null;
            }

            var files = new List<string>();
            if (root.TryGetProperty("files", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var file in list.EnumerateArray())
                {
                    if (file.ValueKind == JsonValueKind.Object && file.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String)
                    {
                        files.Add(p.GetString()!);
                    }
                }
            }

            DateTime? latest = root.TryGetProperty("latest_time", out var time) && time.ValueKind == JsonValueKind.String
                && DateTime.TryParseExact(time.GetString(), TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed : null;
            return new SyntheticHospitalManifest(
                Text(root, "format") ?? string.Empty,
                Number(root, "seed"),
                Number(root, "model_version"),
                root.TryGetProperty("complete", out var complete) && complete.ValueKind == JsonValueKind.True,
                latest,
                files);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n : 0;
}
