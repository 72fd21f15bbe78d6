using Galen.Core.Learning;

namespace Galen.Data.Tasks;

/// <summary>
/// The columns of a task's tabular features and the channels of its time series, fixed before
/// any sample is built: demographics, utilisation, counts, diagnosis-category flags, and six
/// aggregates (last, mean, min, max, slope per day, count) per lab / vital code.
/// </summary>
internal sealed partial class FeatureSchema
{
    public const int PerMeasurement = 6;
    public const int Fixed = 9;

    private FeatureSchema(IReadOnlyList<FeatureSpec> features, int[] measurementConcepts, IReadOnlyList<string> diagnosisKeys, IReadOnlyList<string?> units, IReadOnlyList<string> channelNames, int[] diagnosisColumnByConcept)
    {
        DiagnosisColumnByConcept = diagnosisColumnByConcept;
        Features = features;
        MeasurementConcepts = measurementConcepts;
        DiagnosisKeys = diagnosisKeys;
        Units = units;
        ChannelNames = channelNames;
        MeasurementColumn = new Dictionary<int, int>();
        for (int i = 0; i < measurementConcepts.Length; i++)
        {
            MeasurementColumn[measurementConcepts[i]] = i;
        }

    }

    /// <summary>The columns every task row starts with, in order (<see cref="Fixed"/> of them).</summary>
    public static IReadOnlyList<FeatureSpec> FixedFeatures { get; } =
    [
        new("age_years", "age", FeatureKind.Numeric, "years"),
        new("sex_female", "female sex", FeatureKind.Binary),
        new("prior_inpatient_visits", "earlier inpatient visits", FeatureKind.Numeric),
        new("days_since_last_discharge", "days since the last discharge", FeatureKind.Numeric, "days"),
        new("hours_since_admission", "hours since admission", FeatureKind.Numeric, "h"),
        new("n_diagnoses_known", "diagnoses known", FeatureKind.Numeric),
        new("n_procedures_window", "procedures in the window", FeatureKind.Numeric),
        new("n_drugs_window", "drugs started in the window", FeatureKind.Numeric),
        new("n_measurements_window", "labs and vitals in the window", FeatureKind.Numeric),
    ];

    public IReadOnlyList<FeatureSpec> Features { get; }

    public int Width => Features.Count;

    /// <summary>Concept ids of the measurement codes, in column order (also the time-series channels).</summary>
    public int[] MeasurementConcepts { get; }

    /// <summary>Concept id → its position among <see cref="MeasurementConcepts"/>.</summary>
    public Dictionary<int, int> MeasurementColumn { get; }

    public IReadOnlyList<string> DiagnosisKeys { get; }

    /// <summary>Concept id → its diagnosis-flag column (its category's), or -1.</summary>
    public int[] DiagnosisColumnByConcept { get; }

    public IReadOnlyList<string?> Units { get; }

    public IReadOnlyList<string> ChannelNames { get; }

    public int DiagnosisOffset => Fixed;

    public int MeasurementOffset => Fixed + DiagnosisKeys.Count;

    public static FeatureSchema Create(TaskPreparation preparation, FeatureOptions options)
    {
        var codes = preparation.Codes;
        int[] concepts;
        if (options.MeasurementCodes is { } wanted)
        {
            var byKey = preparation.MeasurementConceptsByPatients().ToDictionary(c => codes.Key(c.ConceptId), c => c.ConceptId, StringComparer.Ordinal);
            concepts = wanted.Select(key => byKey.TryGetValue(key, out int id) ? id : -1).Where(id => id > 0).ToArray();
        }
        else
        {
            concepts = preparation.MeasurementConceptsByPatients().Take(options.MaxMeasurementCodes).Select(c => c.ConceptId).ToArray();
        }

        var diagnoses = preparation.DiagnosisCategoriesByPatients().Take(options.MaxDiagnosisCategories).Select(c => c.Key).ToArray();
        var features = new List<FeatureSpec>(FixedFeatures);
        foreach (var key in diagnoses)
        {
            features.Add(new FeatureSpec("dx_" + Machine(key), "history of " + key, FeatureKind.Binary));
        }

        var units = new string?[concepts.Length];
        var channels = new string[concepts.Length];
        for (int i = 0; i < concepts.Length; i++)
        {
            var code = codes.Code(concepts[i]);
            string name = Machine(code.Key);
            string label = code.Display ?? code.Key;
            units[i] = codes.UnitOf(concepts[i]);
            channels[i] = code.Key;
            features.Add(new FeatureSpec(name + "_last", "last " + label, FeatureKind.Numeric, units[i]));
            features.Add(new FeatureSpec(name + "_mean", "mean " + label, FeatureKind.Numeric, units[i]));
            features.Add(new FeatureSpec(name + "_min", "lowest " + label, FeatureKind.Numeric, units[i]));
            features.Add(new FeatureSpec(name + "_max", "highest " + label, FeatureKind.Numeric, units[i]));
            features.Add(new FeatureSpec(name + "_slope", "trend of " + label + " per day", FeatureKind.Numeric, units[i] is null ? null : units[i] + "/day"));
            features.Add(new FeatureSpec(name + "_count", "number of " + label + " results", FeatureKind.Numeric));
        }

        // Each concept's category column, resolved once rather than per sample.
        var column = diagnoses.Select((key, i) => (key, i)).ToDictionary(p => p.key, p => p.i, StringComparer.Ordinal);
        var byConcept = new int[codes.MaxId + 1];
        for (int id = 0; id < byConcept.Length; id++)
        {
            byConcept[id] = id > 0 && codes.TryCode(id) is { } code && column.TryGetValue(TaskPreparation.DiagnosisKey(code.System, code.Code, category: true), out int c) ? c : -1;
        }

        return new FeatureSchema(features, concepts, diagnoses, units, channels, byConcept);
    }

    /// <summary>A code key as a column-name part: "LOINC:2160-0" → "LOINC_2160-0".</summary>
    private static string Machine(string key) => key.Replace(':', '_');
}
