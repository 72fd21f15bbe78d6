using Galen.Core.Clinical;
using Galen.Data.Synthetic.Catalog;

namespace Galen.Data.Synthetic.Model;

/// <summary>Smoking history as recorded.</summary>
public enum SmokingStatus
{
    Never,
    Former,
    Current,
}

/// <summary>
/// One synthetic patient: demographics, identity (PHI), latent chronic state, every admission
/// and outpatient result, and the ground truth behind them.
/// </summary>
public sealed record SyntheticPatient
{
    /// <summary>0-based position in the generated hospital; also fixes the patient's random streams.</summary>
    public required int Index { get; init; }

    /// <summary>SUBJECT_ID, OMOP person_id and FHIR Patient id.</summary>
    public long SubjectId => 10_000_001L + Index;

    /// <summary>"M" or "F".</summary>
    public required string Sex { get; init; }

    public required DateTime BirthDate { get; init; }

    /// <summary>Race/ethnicity as MIMIC writes it ("WHITE", "BLACK/AFRICAN AMERICAN", …).</summary>
    public required string Ethnicity { get; init; }

    public required PatientIdentity Identity { get; init; }

    /// <summary>Index of the primary-care clinician in <see cref="HospitalSetting.Clinicians"/>.</summary>
    public required int PrimaryCareIndex { get; init; }

    /// <summary>Conditions present at the first admission (chronic kidney disease can appear later as eGFR falls).</summary>
    public required ChronicCondition Conditions { get; init; }

    public required SmokingStatus Smoking { get; init; }

    public required double BodyMassIndex { get; init; }

    /// <summary>Heart failure with reduced ejection fraction (systolic) rather than preserved.</summary>
    public required bool HeartFailureReduced { get; init; }

    /// <summary>The cancer's ICD-10-CM code for patients with cancer.</summary>
    public ClinicalCode? CancerCode { get; init; }

    public required bool InsulinTreated { get; init; }

    /// <summary>Drug keys of long-term medications (<see cref="DrugCatalog"/>).</summary>
    public required IReadOnlyList<string> HomeMedications { get; init; }

    /// <summary>Drug allergies as notes write them ("penicillin (rash)"); empty for none known.</summary>
    public required IReadOnlyList<string> Allergies { get; init; }

    /// <summary>HbA1c trajectory for patients with diabetes.</summary>
    public LabTrajectory? HbA1c { get; init; }

    /// <summary>eGFR trajectory (every patient has one; chronic kidney disease is eGFR &lt; 60).</summary>
    public required LabTrajectory Egfr { get; init; }

    /// <summary>Date of the first admission; trajectories count years from it.</summary>
    public required DateTime IndexTime { get; init; }

    public required IReadOnlyList<SyntheticAdmission> Admissions { get; init; }

    /// <summary>Results drawn outside any admission (LABEVENTS rows with an empty HADM_ID).</summary>
    public required IReadOnlyList<Measurement> OutpatientLabs { get; init; }

    /// <summary>Ground truth of every HbA1c and outpatient eGFR observation, in time order per analyte.</summary>
    public required IReadOnlyList<TrajectoryPoint> Trajectories { get; init; }

    /// <summary>Date of death, in or out of hospital; null if alive at the end of follow-up.</summary>
    public DateTime? DeathTime { get; init; }

    public int AgeAt(DateTime time)
    {
        int age = time.Year - BirthDate.Year;
        if (time.Month < BirthDate.Month || (time.Month == BirthDate.Month && time.Day < BirthDate.Day))
        {
            age--;
        }

        return age;
    }
}
