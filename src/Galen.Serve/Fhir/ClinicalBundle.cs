using Hl7.Fhir.Model;

namespace Galen.Serve.Fhir;

/// <summary>
/// One patient's FHIR resources as the service received them, from a <c>$predict</c> Bundle or a
/// CDS Hooks request's prefetch: the patient, and the encounters, conditions, procedures,
/// observations and medications that refer to them.
/// </summary>
public sealed record ClinicalBundle(
    Patient Patient,
    IReadOnlyList<Encounter> Encounters,
    IReadOnlyList<Condition> Conditions,
    IReadOnlyList<Observation> Observations,
    IReadOnlyList<MedicationRequest> MedicationRequests,
    IReadOnlyList<MedicationStatement> MedicationStatements,
    IReadOnlyList<Procedure> Procedures,
    IReadOnlyList<MedicationAdministration> MedicationAdministrations)
{
    /// <summary>Every clinical resource except the patient, in a stable order.</summary>
    public IEnumerable<Resource> ClinicalResources =>
        Encounters.Cast<Resource>().Concat(Conditions).Concat(Procedures).Concat(Observations).Concat(MedicationRequests).Concat(MedicationAdministrations).Concat(MedicationStatements);

    /// <summary>The most recent encounter (by period start), or null.</summary>
    public Encounter? LatestEncounter =>
        Encounters.OrderByDescending(e => e.Period?.StartElement?.ToDateTimeOffset(TimeSpan.Zero)).FirstOrDefault();
}
