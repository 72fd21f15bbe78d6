using Galen.Core.Learning;
using Galen.Data.Timeline;

namespace Galen.Data.Tasks;

/// <summary>
/// The columns of a task's tabular features and the channels of its time series, fixed before
/// any sample is built: demographics, utilisation, counts, diagnosis-category flags, flags for
/// drugs started and procedures done in the window, and six aggregates (last, mean, min, max,
/// slope per day, count) per lab / vital code. Columns are chosen by how many patients have a
/// code in the store, never by labels or values.
/// </summary>
internal sealed partial class FeatureSchema
{
    public const int PerMeasurement = 6;
    public const int Fixed = 11;

    private FeatureSchema(
        IReadOnlyList<FeatureSpec> features,
        int[] measurementConcepts,
        IReadOnlyList<string> diagnosisKeys,
        int[] diagnosisColumnByConcept,
        IReadOnlyList<string> drugKeys,
        int[] drugColumnByConcept,
        IReadOnlyList<string> procedureKeys,
        int[] procedureColumnByConcept,
        IReadOnlyList<string?> units,
        IReadOnlyList<string> channelNames)
    {
        Features = features;
        MeasurementConcepts = measurementConcepts;
        DiagnosisKeys = diagnosisKeys;
        DiagnosisColumnByConcept = diagnosisColumnByConcept;
        DrugKeys = drugKeys;
        DrugColumnByConcept = drugColumnByConcept;
        ProcedureKeys = procedureKeys;
        ProcedureColumnByConcept = procedureColumnByConcept;
        Units = units;
        ChannelNames = channelNames;
        MeasurementColumn = new Dictionary<int, int>();
        for (int i = 0; i < measurementConcepts.Length; i++)
        {
            if (measurementConcepts[i] > 0)
            {
                MeasurementColumn[measurementConcepts[i]] = i;
            }
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
        new("inpatient_visits_365d", "inpatient visits begun in the year before admission", FeatureKind.Numeric),
        new("elective_admission", "elective admission", FeatureKind.Binary),
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

    /// <summary>"system:code" of each drug-flag column.</summary>
    public IReadOnlyList<string> DrugKeys { get; }

    /// <summary>Concept id (ATC or drug) → its drug-flag column, or -1.</summary>
    public int[] DrugColumnByConcept { get; }

    /// <summary>"system:code" of each procedure-flag column.</summary>
    public IReadOnlyList<string> ProcedureKeys { get; }

    /// <summary>Concept id → its procedure-flag column, or -1.</summary>
    public int[] ProcedureColumnByConcept { get; }

    public IReadOnlyList<string?> Units { get; }

    public IReadOnlyList<string> ChannelNames { get; }

    public int DiagnosisOffset => Fixed;

    public int DrugOffset => DiagnosisOffset + DiagnosisKeys.Count;

    public int ProcedureOffset => DrugOffset + DrugKeys.Count;

    public int MeasurementOffset => ProcedureOffset + ProcedureKeys.Count;

    /// <summary>The code lists this schema resolved, as explicit options (so another store can be given the same columns).</summary>
    public FeatureOptions Resolved(FeatureOptions options) => options with
    {
        MeasurementCodes = ChannelNames.ToArray(),
        DiagnosisCategories = DiagnosisKeys.ToArray(),
        DrugCodes = DrugKeys.ToArray(),
        ProcedureCodes = ProcedureKeys.ToArray(),
    };

    public static FeatureSchema Create(TaskPreparation preparation, FeatureOptions options)
    {
        var codes = preparation.Codes;
        var (channelKeys, concepts) = Choose(preparation.MeasurementConceptsByPatients(), options.MeasurementCodes, options.MaxMeasurementCodes, codes);
        var diagnoses = options.DiagnosisCategories?.ToArray()
            ?? preparation.DiagnosisCategoriesByPatients().Take(options.MaxDiagnosisCategories).Select(c => c.Key).ToArray();
        var (drugKeys, drugs) = Choose(preparation.DrugConceptsByPatients(), options.DrugCodes, options.MaxDrugCodes, codes);
        var (procedureKeys, procedures) = Choose(preparation.ProcedureConceptsByPatients(), options.ProcedureCodes, options.MaxProcedureCodes, codes);

        var features = new List<FeatureSpec>(FixedFeatures);
        foreach (var key in diagnoses)
        {
            features.Add(new FeatureSpec(DiagnosisPrefix + Machine(key), "history of " + key, FeatureKind.Binary));
        }

        for (int i = 0; i < drugs.Length; i++)
        {
            features.Add(new FeatureSpec(DrugPrefix + Machine(drugKeys[i]), Display(codes, drugs[i], drugKeys[i]) + " started", FeatureKind.Binary));
        }

        for (int i = 0; i < procedures.Length; i++)
        {
            features.Add(new FeatureSpec(ProcedurePrefix + Machine(procedureKeys[i]), "procedure " + Display(codes, procedures[i], procedureKeys[i]), FeatureKind.Binary));
        }

        var units = new string?[concepts.Length];
        var channels = new string[concepts.Length];
        for (int i = 0; i < concepts.Length; i++)
        {
            string name = Machine(channelKeys[i]);
            string label = Display(codes, concepts[i], channelKeys[i]);
            units[i] = codes.UnitOf(concepts[i]);
            channels[i] = channelKeys[i];
            features.Add(new FeatureSpec(name + "_last", "last " + label, FeatureKind.Numeric, units[i]));
            features.Add(new FeatureSpec(name + "_mean", "mean " + label, FeatureKind.Numeric, units[i]));
            features.Add(new FeatureSpec(name + "_min", "lowest " + label, FeatureKind.Numeric, units[i]));
            features.Add(new FeatureSpec(name + "_max", "highest " + label, FeatureKind.Numeric, units[i]));
            features.Add(new FeatureSpec(name + "_slope", "trend of " + label + " per day", FeatureKind.Numeric, units[i] is null ? null : units[i] + "/day"));
            features.Add(new FeatureSpec(name + "_count", "number of " + label + " results", FeatureKind.Numeric));
        }

        // Each concept's column, resolved once rather than per sample.
        var column = diagnoses.Select((key, i) => (key, i)).ToDictionary(p => p.key, p => p.i, StringComparer.Ordinal);
        var diagnosisByConcept = new int[codes.MaxId + 1];
        for (int id = 0; id < diagnosisByConcept.Length; id++)
        {
            diagnosisByConcept[id] = id > 0 && codes.TryCode(id) is { } code && column.TryGetValue(TaskPreparation.DiagnosisKey(code.System, code.Code, category: true), out int c) ? c : -1;
        }

        return new FeatureSchema(
            features,
            concepts,
            diagnoses,
            diagnosisByConcept,
            drugKeys,
            ColumnByConcept(drugs, codes.MaxId),
            procedureKeys,
            ColumnByConcept(procedures, codes.MaxId),
            units,
            channels);
    }

    /// <summary>
    /// The wanted codes in the order given, each with its concept id, or -1 when the store has no
    /// such code (its column is then never filled, so every store gets the same columns); or,
    /// when none are wanted, the first <paramref name="max"/> codes by patients.
    /// </summary>
    private static (string[] Keys, int[] Concepts) Choose(IReadOnlyList<(int ConceptId, long Patients)> byPatients, IReadOnlyList<string>? wanted, int max, CodeTable codes)
    {
        if (wanted is null)
        {
            var chosen = byPatients.Take(max).Select(c => c.ConceptId).ToArray();
            return (chosen.Select(codes.Key).ToArray(), chosen);
        }

        var byKey = byPatients.ToDictionary(c => codes.Key(c.ConceptId), c => c.ConceptId, StringComparer.Ordinal);
        var keys = wanted.Distinct(StringComparer.Ordinal).ToArray();
        return (keys, keys.Select(key => byKey.TryGetValue(key, out int id) ? id : -1).ToArray());
    }

    private static string Display(CodeTable codes, int conceptId, string key) =>
        conceptId > 0 && codes.TryCode(conceptId)?.Display is { } display ? display : key;

    private static int[] ColumnByConcept(int[] concepts, int maxId)
    {
        var byConcept = new int[maxId + 1];
        Array.Fill(byConcept, -1);
        for (int i = 0; i < concepts.Length; i++)
        {
            if (concepts[i] > 0)
            {
                byConcept[concepts[i]] = i;
            }
        }

        return byConcept;
    }

    /// <summary>A code key as a column-name part: "LOINC:2160-0" → "LOINC_2160-0".</summary>
    private static string Machine(string key) => key.Replace(':', '_');
}
