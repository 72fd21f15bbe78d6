namespace Galen.Data.Store;

/// <summary>
/// Vocabulary names Galen uses in <c>concept</c> besides the standard ones in
/// <see cref="Galen.Core.Clinical.CodeSystems"/>: source-local item codes, units, and codes whose
/// vocabulary the source did not say.
/// </summary>
public static class LocalVocabularies
{
    /// <summary>ICD-9-CM volume 3 procedure codes (dotted after the 2nd digit), OMOP's <c>ICD9Proc</c>.</summary>
    public const string Icd9Proc = "ICD9PROC";

    /// <summary>A MIMIC D_LABITEMS item with no LOINC code.</summary>
    public const string MimicLabItem = "MIMIC_LABITEM";

    /// <summary>A MIMIC D_ITEMS (chart) item with no LOINC code.</summary>
    public const string MimicChartItem = "MIMIC_CHARTITEM";

    /// <summary>A drug known only by name (no NDC, ATC or RxNorm code in the source).</summary>
    public const string DrugName = "DRUG_NAME";

    /// <summary>A unit of measure as the source wrote it.</summary>
    public const string Unit = "UNIT";

    /// <summary>A code whose vocabulary the source did not give (OMOP <c>*_source_value</c> fallback).</summary>
    public const string Unknown = "UNKNOWN";
}
