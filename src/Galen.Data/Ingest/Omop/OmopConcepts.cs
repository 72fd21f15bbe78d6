using Galen.Core.Clinical;
using Galen.Data.Store;

namespace Galen.Data.Ingest.Omop;

/// <summary>
/// Resolves OMOP concept ids to the (vocabulary, code) pairs Galen keeps, through the store's
/// copy of <c>concept.csv</c> (<c>omop_concept</c>, indexed), one lookup per distinct id.
/// Ids that are 0 or not in <c>concept.csv</c> fall back to the row's <c>*_source_value</c> with
/// vocabulary UNKNOWN, counted for the report.
/// </summary>
internal sealed class OmopConcepts(IngestSession session)
{
    private readonly Dictionary<long, ClinicalCode?> _codes = [];

    /// <summary>Galen vocabulary names for OMOP's <c>vocabulary_id</c>s.</summary>
    public static string Vocabulary(string omop) => omop switch
    {
        "ICD10CM" => CodeSystems.Icd10Cm,
        "ICD9CM" => CodeSystems.Icd9Cm,
        "ICD10PCS" => CodeSystems.Icd10Pcs,
        "ICD9Proc" => LocalVocabularies.Icd9Proc,
        "ATC" => CodeSystems.Atc,
        "RxNorm" or "RxNorm Extension" => CodeSystems.RxNorm,
        "NDC" => CodeSystems.Ndc,
        "LOINC" => CodeSystems.Loinc,
        "SNOMED" => CodeSystems.SnomedCt,
        "UCUM" => LocalVocabularies.Unit,
        _ => omop.ToUpperInvariant(),
    };

    /// <summary>Codes that fell back to a source value (for the report).</summary>
    public long Fallbacks { get; private set; }

    /// <summary>The code of an OMOP concept id, or null when the id is 0 or unknown.</summary>
    public ClinicalCode? Code(long conceptId)
    {
        if (conceptId <= 0)
        {
            return null;
        }

        if (_codes.TryGetValue(conceptId, out var code))
        {
            return code;
        }

        session.Queue.Drain(); // no append may run while the connection answers a query
        using (var reader = Sql.Reader(session.Connection, "SELECT vocabulary_id, concept_code, concept_name FROM omop_concept WHERE concept_id = ?", conceptId))
        {
            if (reader.Read())
            {
                string vocabulary = Vocabulary(reader.GetString(0));
                string codeText = reader.GetString(1);
                if (vocabulary is CodeSystems.Icd10Cm or CodeSystems.Icd9Cm or LocalVocabularies.Icd9Proc or CodeSystems.Icd10Pcs)
                {
                    codeText = IcdCodes.Normalize(vocabulary, codeText) ?? codeText;
                }

                code = new ClinicalCode(vocabulary, codeText, reader.IsDBNull(2) ? null : reader.GetString(2));
            }
        }

        _codes[conceptId] = code;
        return code;
    }

    /// <summary>
    /// The store concept for a row: the source concept when it resolves (it keeps the source's
    /// own code, e.g. ICD-10-CM), else the standard concept, else the source value under
    /// vocabulary UNKNOWN; null when none of them is there.
    /// </summary>
    public (int Concept, ClinicalCode Code)? Resolve(long sourceConceptId, long conceptId, string? sourceValue)
    {
        var code = Code(sourceConceptId) ?? Code(conceptId);
        if (code is null)
        {
            if (string.IsNullOrWhiteSpace(sourceValue))
            {
                return null;
            }

            Fallbacks++;
            code = new ClinicalCode(LocalVocabularies.Unknown, sourceValue.Trim());
        }

        return (session.Concepts.IdOf(code.System, code.Code, code.Display), code);
    }
}
