using System.Globalization;
using Galen.Core.Errors;
using Galen.Data.Tasks;

namespace Galen.Cli.Learning;

/// <summary>
/// The synthetic hospital's true outcome probabilities (<c>ground_truth/admissions.csv</c>), joined
/// to a task's samples, so a model's AUROC can be set beside the best achievable one (the AUROC of
/// the true risks on the same samples). Only tasks whose definition matches a probability the
/// generator exports have one: mortality at 24 h (<c>p_in_hospital_death</c>) or 48 h
/// (<c>p_in_hospital_death_given_48h</c>), 30-day readmission (<c>p_readmit_30d</c>), and stays
/// over 7 days predicted at 24 h (<c>p_los_gt_7d</c>). See docs/synthetic-hospital.md.
/// </summary>
public sealed class SyntheticGroundTruth
{
    /// <summary>The file, relative to the hospital folder.</summary>
    public const string AdmissionsFile = "ground_truth/admissions.csv";

    private readonly Dictionary<string, Dictionary<string, double>> _byAdmission;

    private SyntheticGroundTruth(Dictionary<string, Dictionary<string, double>> byAdmission) => _byAdmission = byAdmission;

    /// <summary>Reads the true risks of a hospital written by <c>galen synth</c> (or the demo).</summary>
    public static SyntheticGroundTruth Read(string hospitalFolder)
    {
        ArgumentNullException.ThrowIfNull(hospitalFolder);
        string path = Path.Combine(hospitalFolder, AdmissionsFile);
        if (!File.Exists(path))
        {
            throw new GalenInputException("There is no ground-truth file here.", new SourceLocation(path), "Give the folder `galen synth` wrote.");
        }

        string[] wanted = ["p_in_hospital_death", "p_in_hospital_death_given_48h", "p_readmit_30d", "p_los_gt_7d"];
        using var reader = new StreamReader(path);
        var header = (reader.ReadLine() ?? string.Empty).Split(',');
        int key = Array.IndexOf(header, "hadm_id");
        var columns = wanted.Select(w => (Name: w, Index: Array.IndexOf(header, w))).ToArray();
        if (key < 0 || columns.Any(c => c.Index < 0))
        {
            throw new GalenInputException("The ground-truth file lacks the columns Galen reads (hadm_id and the true probabilities).", new SourceLocation(path, 1), "Regenerate the hospital with this version of Galen.");
        }

        var byAdmission = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        long line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var fields = text.Split(',');
            var risks = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, index) in columns)
            {
                // Readmission risks are empty for admissions that ended in death (they have no readmission sample).
                if (index < fields.Length && fields[index].Length > 0)
                {
                    risks[name] = double.TryParse(fields[index], NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                        ? value
                        : throw new GalenInputException("A true probability is not a number.", new SourceLocation(path, line, name, $"<text of {fields[index].Length} characters>"));
                }
            }

            byAdmission[fields[key]] = risks;
        }

        return new SyntheticGroundTruth(byAdmission);
    }

    /// <summary>The ground-truth column whose probabilities are exactly the outcome of <paramref name="spec"/>, or null.</summary>
    public static string? ColumnFor(TaskSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double hours = spec.ObservationHours ?? TaskCatalog.DefaultObservationHours;
        return spec.Name.Trim().ToLowerInvariant() switch
        {
            "mortality" when hours == 24 => "p_in_hospital_death",
            "mortality" when hours == 48 => "p_in_hospital_death_given_48h",
            "readmission" when (spec.WindowDays ?? 30) is >= 29 and <= 30 => "p_readmit_30d",
            "los" when hours == 24 => "p_los_gt_7d",
            _ => null,
        };
    }

    /// <summary>
    /// The true probability of each sample's outcome, by sample key, or null when the generator
    /// exports none for this task. Every sample must have one (else the samples are not this
    /// hospital's, and an error says so).
    /// </summary>
    public IReadOnlyDictionary<string, double>? RisksOf(TaskSpec spec, IReadOnlyList<string> sampleKeys, IReadOnlyDictionary<string, string> visitSourceKeys)
    {
        ArgumentNullException.ThrowIfNull(sampleKeys);
        ArgumentNullException.ThrowIfNull(visitSourceKeys);
        if (ColumnFor(spec) is not { } column)
        {
            return null;
        }

        var risks = new Dictionary<string, double>(sampleKeys.Count, StringComparer.Ordinal);
        foreach (string sample in sampleKeys)
        {
            if (!visitSourceKeys.TryGetValue(sample, out var admission) || !_byAdmission.TryGetValue(admission, out var row) || !row.TryGetValue(column, out double risk))
            {
                throw new GalenInputException(
                    $"Sample {sample} has no true '{column}' in the ground truth.",
                    new SourceLocation(AdmissionsFile, Field: column),
                    "Compare a store only with the ground truth of the hospital it was ingested from.");
            }

            risks[sample] = risk;
        }

        return risks;
    }
}
