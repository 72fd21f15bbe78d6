using Galen.Core.Clinical;
using Galen.Data.Synthetic.Catalog;

namespace Galen.Data.Synthetic.Model;

/// <summary>One hospital admission of a synthetic patient, with everything recorded during it.</summary>
public sealed record SyntheticAdmission
{
    /// <summary>0 for the patient's first admission, 1 for the second, …</summary>
    public required int Ordinal { get; init; }

    public required DateTime AdmitTime { get; init; }

    public required DateTime DischargeTime { get; init; }

    /// <summary>Set when the patient died in hospital (equals <see cref="DischargeTime"/>).</summary>
    public DateTime? DeathTime { get; init; }

    public required AdmissionReason Reason { get; init; }

    /// <summary>EMERGENCY, URGENT or ELECTIVE.</summary>
    public required string AdmissionType { get; init; }

    public required string AdmissionLocation { get; init; }

    public required string DischargeLocation { get; init; }

    public required string Insurance { get; init; }

    /// <summary>Index into <see cref="HospitalSetting.Sites"/>.</summary>
    public required int SiteIndex { get; init; }

    /// <summary>Index into <see cref="HospitalSetting.Clinicians"/>.</summary>
    public required int AttendingIndex { get; init; }

    /// <summary>Hospital account number for the stay (PHI).</summary>
    public required string AccountNumber { get; init; }

    public IcuStay? Icu { get; init; }

    /// <summary>Diagnoses in SEQ_NUM order; the first is the principal diagnosis.</summary>
    public required IReadOnlyList<ClinicalCode> Diagnoses { get; init; }

    public required IReadOnlyList<ProcedureEvent> Procedures { get; init; }

    public required IReadOnlyList<Prescription> Prescriptions { get; init; }

    /// <summary>Laboratory results in time order.</summary>
    public required IReadOnlyList<Measurement> Labs { get; init; }

    /// <summary>Vital signs in time order.</summary>
    public required IReadOnlyList<Measurement> Vitals { get; init; }

    public required IReadOnlyList<ClinicalNote> Notes { get; init; }

    public required AdmissionTruth Truth { get; init; }

    /// <summary>HADM_ID, OMOP visit_occurrence_id and FHIR Encounter id; set when the hospital numbers its records.</summary>
    public long HadmId { get; internal set; }

    public bool DiedInHospital => DeathTime is not null;
}
