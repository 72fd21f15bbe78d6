namespace Galen.Data.Timeline;

/// <summary>An admission or encounter on a patient's timeline.</summary>
/// <param name="Id">The store's <c>visit_occurrence_id</c>.</param>
/// <param name="Start">Admission time.</param>
/// <param name="End">Discharge time.</param>
/// <param name="IsInpatient">True for inpatient stays (MIMIC admissions, OMOP 9201/262, FHIR class IMP/ACUTE); tasks use these.</param>
/// <param name="DiedInHospital">True when the source says the visit ended in death (MIMIC HOSPITAL_EXPIRE_FLAG or DEATHTIME, FHIR discharge disposition "exp", OMOP discharged_to "Patient died" or a death dated within the visit).</param>
/// <param name="AdmissionType">The source's admission type ("EMERGENCY", …), when given.</param>
public readonly record struct Visit(long Id, DateTime Start, DateTime End, bool IsInpatient, bool DiedInHospital, string? AdmissionType)
{
    /// <summary>Length of stay.</summary>
    public TimeSpan Duration => End - Start;
}
