namespace Galen.Core.Clinical;

/// <summary>
/// A code from a clinical vocabulary, kept as the (system, code) pair the source used.
/// Systems are the short names in <see cref="CodeSystems"/>.
/// </summary>
/// <param name="System">Vocabulary, e.g. <see cref="CodeSystems.Icd10Cm"/>.</param>
/// <param name="Code">The code as written in that vocabulary, e.g. "I50.9".</param>
/// <param name="Display">Human-readable name, when known.</param>
public sealed record ClinicalCode(string System, string Code, string? Display = null)
{
    /// <summary>"system:code", the form used in vocabularies and feature names.</summary>
    public string Key => System + ":" + Code;

    public override string ToString() => Display is null ? Key : $"{Key} ({Display})";

    /// <summary>Equality is by system and code; the display name is decoration.</summary>
    public bool Equals(ClinicalCode? other) => other is not null && System == other.System && Code == other.Code;

    public override int GetHashCode() => HashCode.Combine(System, Code);
}

/// <summary>Short names of the vocabularies Galen keeps codes in, with their FHIR system URIs.</summary>
public static class CodeSystems
{
    public const string Icd9Cm = "ICD9CM";
    public const string Icd10Cm = "ICD10CM";
    public const string Icd10Pcs = "ICD10PCS";
    public const string Atc = "ATC";
    public const string Ndc = "NDC";
    public const string RxNorm = "RXNORM";
    public const string Loinc = "LOINC";
    public const string SnomedCt = "SNOMED";

    private static readonly Dictionary<string, string> Uris = new(StringComparer.Ordinal)
    {
        [Icd9Cm] = "http://hl7.org/fhir/sid/icd-9-cm",
        [Icd10Cm] = "http://hl7.org/fhir/sid/icd-10-cm",
        [Icd10Pcs] = "http://www.cms.gov/Medicare/Coding/ICD10",
        [Atc] = "http://www.whocc.no/atc",
        [Ndc] = "http://hl7.org/fhir/sid/ndc",
        [RxNorm] = "http://www.nlm.nih.gov/research/umls/rxnorm",
        [Loinc] = "http://loinc.org",
        [SnomedCt] = "http://snomed.info/sct",
    };

    /// <summary>The FHIR system URI for a short name, or null when Galen does not know it.</summary>
    public static string? ToFhirUri(string system) => Uris.GetValueOrDefault(system);

    /// <summary>The short name for a FHIR system URI, or null when Galen does not know it.</summary>
    public static string? FromFhirUri(string uri) =>
        Uris.FirstOrDefault(pair => string.Equals(pair.Value, uri?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)).Key;
}
