using Galen.Core.Clinical;
using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Timeline;

namespace Galen.Data.Tasks;

/// <summary>
/// Store-wide facts a task or feature schema needs before seeing patients: the code table, the
/// end of follow-up, and which codes occur (for multi-label label spaces and feature columns).
/// These are counts of codes, never of labels or values, so they cannot leak a test label.
/// </summary>
public sealed class TaskPreparation
{
    private readonly ClinicalStore _store;

    internal TaskPreparation(ClinicalStore store, CodeTable codes, DateTime dataEnd)
    {
        _store = store;
        Codes = codes;
        DataEnd = dataEnd;
    }

    public CodeTable Codes { get; }

    /// <summary>The latest event time in the store.</summary>
    public DateTime DataEnd { get; }

    /// <summary>Distinct ATC codes of drug exposures, cut to <paramref name="level"/> (1–5), sorted.</summary>
    public IReadOnlyList<string> AtcCodes(int level)
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        using var reader = Sql.Reader(_store.Connection, "SELECT DISTINCT c.concept_code FROM drug_exposure d JOIN concept c ON d.atc_concept_id = c.concept_id");
        while (reader.Read())
        {
            if (Ingest.AtcCodes.AtLevel(reader.GetString(0), level) is { } cut)
            {
                codes.Add(cut);
            }
        }

        return [.. codes];
    }

    /// <summary>Distinct diagnosis keys ("system:code", or "system:category" when <paramref name="categories"/>) coded in inpatient visits, sorted.</summary>
    public IReadOnlyList<string> InpatientDiagnosisKeys(bool categories)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        using var reader = Sql.Reader(_store.Connection,
            "SELECT DISTINCT c.vocabulary_id, c.concept_code FROM condition_occurrence co JOIN visit_occurrence v ON co.visit_occurrence_id = v.visit_occurrence_id " +
            "JOIN concept c ON co.condition_concept_id = c.concept_id WHERE v.visit_class = 'inpatient'");
        while (reader.Read())
        {
            keys.Add(DiagnosisKey(reader.GetString(0), reader.GetString(1), categories));
        }

        return [.. keys];
    }

    /// <summary>Measurement concepts with numeric values, most patients first (ties by code).</summary>
    public IReadOnlyList<(int ConceptId, long Patients)> MeasurementConceptsByPatients() =>
        ByPatients("SELECT measurement_concept_id, count(DISTINCT person_id) AS n FROM measurement WHERE value_as_number IS NOT NULL GROUP BY 1");

    /// <summary>Diagnosis categories ("system:category"), most patients first (ties by key).</summary>
    public IReadOnlyList<(string Key, long Patients)> DiagnosisCategoriesByPatients()
    {
        var rows = new List<(string, long)>();
        using var reader = Sql.Reader(_store.Connection,
            "SELECT c.vocabulary_id, split_part(c.concept_code, '.', 1) AS category, count(DISTINCT co.person_id) FROM condition_occurrence co " +
            "JOIN concept c ON co.condition_concept_id = c.concept_id GROUP BY 1, 2");
        while (reader.Read())
        {
            rows.Add((reader.GetString(0) + ":" + reader.GetString(1), reader.GetInt64(2)));
        }

        return rows.OrderByDescending(r => r.Item2).ThenBy(r => r.Item1, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Drug codes (the ATC code when the source gives one, else the drug's own code), most
    /// patients first (ties by key): the candidates for "started in the window" columns.
    /// </summary>
    public IReadOnlyList<(int ConceptId, long Patients)> DrugConceptsByPatients() =>
        ByPatients("SELECT coalesce(atc_concept_id, drug_concept_id), count(DISTINCT person_id) FROM drug_exposure GROUP BY 1");

    /// <summary>Procedure codes, most patients first (ties by key).</summary>
    public IReadOnlyList<(int ConceptId, long Patients)> ProcedureConceptsByPatients() =>
        ByPatients("SELECT procedure_concept_id, count(DISTINCT person_id) FROM procedure_occurrence GROUP BY 1");

    /// <summary>The key a diagnosis is labelled or counted by.</summary>
    public static string DiagnosisKey(string system, string code, bool category) =>
        system + ":" + (category ? IcdCodes.Category(code) : code);

    /// <summary>The key of a diagnosis concept.</summary>
    public string DiagnosisKey(int conceptId, bool category)
    {
        var code = Codes.Code(conceptId);
        return DiagnosisKey(code.System, code.Code, category);
    }

    /// <summary>The ATC code of a drug concept cut to a level, or null.</summary>
    public string? Atc(int atcConceptId, int level) =>
        atcConceptId > 0 && Codes.Code(atcConceptId) is { System: CodeSystems.Atc } code ? Ingest.AtcCodes.AtLevel(code.Code, level) : null;

    /// <summary>Runs a (concept id, patients) query and orders it most patients first, ties by key.</summary>
    private IReadOnlyList<(int ConceptId, long Patients)> ByPatients(string sql)
    {
        var rows = new List<(int, long)>();
        using var reader = Sql.Reader(_store.Connection, sql);
        while (reader.Read())
        {
            if (!reader.IsDBNull(0))
            {
                rows.Add((reader.GetInt32(0), reader.GetInt64(1)));
            }
        }

        return rows.OrderByDescending(r => r.Item2).ThenBy(r => Codes.Key(r.Item1), StringComparer.Ordinal).ToArray();
    }
}
