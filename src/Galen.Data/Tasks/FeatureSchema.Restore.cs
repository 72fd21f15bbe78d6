using Galen.Core.Learning;
using Galen.Data.Scoring;
using Galen.Data.Timeline;

namespace Galen.Data.Tasks;

// Rebuilding a schema from a trained model's feature list, so one new patient is featurized by
// the same code (SampleFeatures) that made the model's training rows.
internal sealed partial class FeatureSchema
{
    /// <summary>The six aggregate columns of one lab / vital code, in the order <see cref="SampleFeatures"/> fills them.</summary>
    public static IReadOnlyList<string> AggregateSuffixes { get; } = ["_last", "_mean", "_min", "_max", "_slope", "_count"];

    /// <summary>Name prefix of the diagnosis-category flags.</summary>
    public const string DiagnosisPrefix = "dx_";

    /// <summary>Name prefix of the drug-started flags.</summary>
    public const string DrugPrefix = "rx_";

    /// <summary>Name prefix of the procedure-done flags.</summary>
    public const string ProcedurePrefix = "px_";

    /// <summary>The column-name form of a code key, as feature names use it.</summary>
    public static string MachineName(string key) => Machine(key);

    /// <summary>
    /// The schema of <paramref name="layout"/>'s columns over <paramref name="codes"/>: the
    /// diagnosis categories and lab / vital codes the model was trained with, each resolved to
    /// the concept that has its name in this code table (absent codes match nothing, so their
    /// columns stay empty, as for a patient without such results).
    /// </summary>
    public static FeatureSchema Restore(TaskFeatureLayout layout, CodeTable codes)
    {
        var features = new List<FeatureSpec>(FixedFeatures);
        var diagnosisColumn = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var spec in layout.Diagnoses)
        {
            diagnosisColumn[spec.Name] = diagnosisColumn.Count;
            features.Add(spec);
        }

        var drugColumn = Columns(layout.Drugs, features);
        var procedureColumn = Columns(layout.Procedures, features);
        var groupByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int g = 0; g < layout.Measurements.Count; g++)
        {
            groupByName[layout.Measurements[g].Prefix] = g;
            features.AddRange(layout.Measurements[g].Columns);
        }

        var concepts = new int[layout.Measurements.Count];
        Array.Fill(concepts, -1);
        var byConcept = new int[codes.MaxId + 1];
        Array.Fill(byConcept, -1);
        var drugByConcept = new int[codes.MaxId + 1];
        Array.Fill(drugByConcept, -1);
        var procedureByConcept = new int[codes.MaxId + 1];
        Array.Fill(procedureByConcept, -1);
        var drugKeys = new string[layout.Drugs.Count];
        var procedureKeys = new string[layout.Procedures.Count];
        for (int id = 1; id <= codes.MaxId; id++)
        {
            if (codes.TryCode(id) is not { } code)
            {
                continue;
            }

            if (groupByName.TryGetValue(Machine(code.Key), out int group) && concepts[group] < 0)
            {
                var wanted = layout.Measurements[group].Unit;
                var unit = codes.UnitOf(id);
                if (!string.Equals(wanted, unit, StringComparison.Ordinal))
                {
                    throw new Core.Errors.GalenInputException(
                        $"The data gives {code.Key} in {unit ?? "no unit"}, but the model's features were computed in {wanted ?? "no unit"}.",
                        remedy: "Score the model on data harmonised to the units it was trained on (the same store, or a store whose canonical units match).");
                }

                concepts[group] = id;
            }

            if (diagnosisColumn.TryGetValue(DiagnosisPrefix + Machine(TaskPreparation.DiagnosisKey(code.System, code.Code, category: true)), out int column))
            {
                byConcept[id] = column;
            }

            if (drugColumn.TryGetValue(DrugPrefix + Machine(code.Key), out int drug))
            {
                drugByConcept[id] = drug;
                drugKeys[drug] = code.Key;
            }

            if (procedureColumn.TryGetValue(ProcedurePrefix + Machine(code.Key), out int procedure))
            {
                procedureByConcept[id] = procedure;
                procedureKeys[procedure] = code.Key;
            }
        }

        // Codes this data never uses keep their column name as key; their flags stay 0.
        for (int i = 0; i < drugKeys.Length; i++)
        {
            drugKeys[i] ??= layout.Drugs[i].Name[DrugPrefix.Length..];
        }

        for (int i = 0; i < procedureKeys.Length; i++)
        {
            procedureKeys[i] ??= layout.Procedures[i].Name[ProcedurePrefix.Length..];
        }

        var units = layout.Measurements.Select(m => m.Unit).ToArray();
        var channels = layout.Measurements.Select(m => m.Prefix).ToArray();
        var keys = layout.Diagnoses.Select(d => d.Name[DiagnosisPrefix.Length..]).ToArray();
        return new FeatureSchema(features, concepts, keys, byConcept, drugKeys, drugByConcept, procedureKeys, procedureByConcept, units, channels);
    }

    // Position of each flag among its kind, after adding the flags to the schema's features.
    private static Dictionary<string, int> Columns(IReadOnlyList<FeatureSpec> flags, List<FeatureSpec> features)
    {
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var spec in flags)
        {
            column[spec.Name] = column.Count;
            features.Add(spec);
        }

        return column;
    }
}
