using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Data.Tasks;

namespace Galen.Data.Scoring;

/// <summary>The aggregate columns of one lab / vital code in a model's features.</summary>
/// <param name="Prefix">The code's column-name form, e.g. "LOINC_2160-0".</param>
/// <param name="Unit">The canonical unit the model's values are in.</param>
/// <param name="Columns">Its six columns (last, mean, min, max, slope, count), in schema order.</param>
internal sealed record MeasurementColumns(string Prefix, string? Unit, IReadOnlyList<FeatureSpec> Columns);

/// <summary>
/// Which task-feature columns a trained model reads: the fixed columns, diagnosis-category flags
/// and lab / vital aggregates, recovered from the model's feature names (the names the task's
/// feature schema gave them).
/// </summary>
internal sealed class TaskFeatureLayout
{
    private TaskFeatureLayout(IReadOnlyList<FeatureSpec> diagnoses, IReadOnlyList<FeatureSpec> drugs, IReadOnlyList<FeatureSpec> procedures, IReadOnlyList<MeasurementColumns> measurements)
    {
        Diagnoses = diagnoses;
        Drugs = drugs;
        Procedures = procedures;
        Measurements = measurements;
    }

    public IReadOnlyList<FeatureSpec> Diagnoses { get; }

    /// <summary>Flags for drugs started in the window ("rx_" columns).</summary>
    public IReadOnlyList<FeatureSpec> Drugs { get; }

    /// <summary>Flags for procedures done in the window ("px_" columns).</summary>
    public IReadOnlyList<FeatureSpec> Procedures { get; }

    public IReadOnlyList<MeasurementColumns> Measurements { get; }

    /// <summary>Features whose names are not task features.</summary>
    public static IReadOnlyList<string> Unknown(IReadOnlyList<FeatureSpec> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var fixedNames = FeatureSchema.FixedFeatures.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return features.Select(f => f.Name)
            .Where(name => !fixedNames.Contains(name) && !IsFlag(name) && Suffix(name) is null)
            .ToArray();
    }

    /// <summary>Reads the layout of <paramref name="features"/>; a clear error names any feature no task computes.</summary>
    public static TaskFeatureLayout Parse(IReadOnlyList<FeatureSpec> features, string modelName)
    {
        ArgumentNullException.ThrowIfNull(features);
        var fixedNames = FeatureSchema.FixedFeatures.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var diagnoses = new List<FeatureSpec>();
        var drugs = new List<FeatureSpec>();
        var procedures = new List<FeatureSpec>();
        var groups = new List<string>();
        var specs = new Dictionary<string, FeatureSpec>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var feature in features)
        {
            specs[feature.Name] = feature;
            if (fixedNames.Contains(feature.Name))
            {
                continue;
            }

            if (feature.Name.StartsWith(FeatureSchema.DiagnosisPrefix, StringComparison.Ordinal))
            {
                diagnoses.Add(feature);
                continue;
            }

            if (feature.Name.StartsWith(FeatureSchema.DrugPrefix, StringComparison.Ordinal))
            {
                drugs.Add(feature);
                continue;
            }

            if (feature.Name.StartsWith(FeatureSchema.ProcedurePrefix, StringComparison.Ordinal))
            {
                procedures.Add(feature);
                continue;
            }

            var suffix = Suffix(feature.Name);
            if (suffix is null)
            {
                unknown.Add(feature.Name);
                continue;
            }

            string prefix = feature.Name[..^suffix.Length];
            if (!groups.Contains(prefix, StringComparer.Ordinal))
            {
                groups.Add(prefix);
            }
        }

        if (unknown.Count > 0)
        {
            throw new GalenInputException(
                $"{modelName} reads {unknown.Count} feature(s) that Galen's clinical tasks do not compute ({string.Join(", ", unknown.Take(5))}{(unknown.Count > 5 ? ", …" : string.Empty)}), so patients cannot be featurized for it from clinical records.",
                remedy: "Send the model's features directly (POST /api/models/{id}/predict), or serve a model trained on a clinical task.");
        }

        var measurements = groups.Select(prefix =>
        {
            var columns = FeatureSchema.AggregateSuffixes
                .Select(s => specs.TryGetValue(prefix + s, out var spec) ? spec : new FeatureSpec(prefix + s, prefix + s))
                .ToArray();
            string? unit = FeatureSchema.AggregateSuffixes.Take(4).Select(s => specs.GetValueOrDefault(prefix + s)).FirstOrDefault(s => s is not null)?.Unit
                ?? (specs.GetValueOrDefault(prefix + "_slope")?.Unit is { } perDay && perDay.EndsWith("/day", StringComparison.Ordinal) ? perDay[..^"/day".Length] : null);
            return new MeasurementColumns(prefix, unit, columns);
        }).ToArray();
        return new TaskFeatureLayout(diagnoses, drugs, procedures, measurements);
    }

    private static bool IsFlag(string name) =>
        name.StartsWith(FeatureSchema.DiagnosisPrefix, StringComparison.Ordinal)
        || name.StartsWith(FeatureSchema.DrugPrefix, StringComparison.Ordinal)
        || name.StartsWith(FeatureSchema.ProcedurePrefix, StringComparison.Ordinal);

    private static string? Suffix(string name) =>
        FeatureSchema.AggregateSuffixes.FirstOrDefault(s => name.EndsWith(s, StringComparison.Ordinal) && name.Length > s.Length);
}
