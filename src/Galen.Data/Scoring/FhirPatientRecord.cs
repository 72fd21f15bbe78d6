using Hl7.Fhir.Model;

namespace Galen.Data.Scoring;

/// <summary>
/// One patient's FHIR R4 resources as received for scoring (a <c>$predict</c> Bundle or a CDS
/// Hooks prefetch), every resource already checked to be about <see cref="Patient"/>.
/// </summary>
public sealed record FhirPatientRecord(
    Patient Patient,
    IReadOnlyList<Encounter> Encounters,
    IReadOnlyList<Condition> Conditions,
    IReadOnlyList<Procedure> Procedures,
    IReadOnlyList<MedicationRequest> MedicationRequests,
    IReadOnlyList<MedicationAdministration> MedicationAdministrations,
    IReadOnlyList<Observation> Observations);
