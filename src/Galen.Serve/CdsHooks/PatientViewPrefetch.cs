namespace Galen.Serve.CdsHooks;

/// <summary>
/// What a <c>patient-view</c> service asks the EHR to prefetch: the patient and their encounters,
/// conditions, procedures, observations and medications (FHIR search URLs with the CDS Hooks
/// template syntax).
/// </summary>
public static class PatientViewPrefetch
{
    public const string Hook = "patient-view";

    /// <summary>Prefetch key → FHIR query template.</summary>
    public static readonly IReadOnlyDictionary<string, string> Templates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["patient"] = "Patient/{{context.patientId}}",
        ["encounters"] = "Encounter?patient={{context.patientId}}",
        ["conditions"] = "Condition?patient={{context.patientId}}",
        ["procedures"] = "Procedure?patient={{context.patientId}}",
        ["observations"] = "Observation?patient={{context.patientId}}&_count=200",
        ["medications"] = "MedicationRequest?patient={{context.patientId}}",
    };

    /// <summary>A template with the patient id filled in (escaped for a URL).</summary>
    public static string Query(string key, string patientId) =>
        Templates[key].Replace("{{context.patientId}}", Uri.EscapeDataString(patientId), StringComparison.Ordinal);
}
