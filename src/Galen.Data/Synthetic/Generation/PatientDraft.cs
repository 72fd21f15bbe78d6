using Galen.Core.Clinical;
using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Synthetic.Generation;

/// <summary>A patient while the generator is still drawing their history; becomes a <see cref="SyntheticPatient"/>.</summary>
internal sealed class PatientDraft
{
    public required int Index { get; init; }

    public required bool Female { get; init; }

    public required DateTime BirthDate { get; init; }

    public required DateTime IndexTime { get; init; }

    public required string Ethnicity { get; init; }

    public required SmokingStatus Smoking { get; init; }

    public required double BodyMassIndex { get; init; }

    /// <summary>Conditions other than chronic kidney disease, which follows the eGFR trajectory.</summary>
    public required ChronicCondition StaticConditions { get; init; }

    public required bool HeartFailureReduced { get; init; }

    public ClinicalCode? CancerCode { get; init; }

    public required bool InsulinTreated { get; init; }

    public required IReadOnlyList<string> HomeMedications { get; init; }

    public required IReadOnlyList<string> Allergies { get; init; }

    public required LabTrajectory Egfr { get; init; }

    public LabTrajectory? HbA1c { get; init; }

    /// <summary>Insurance before Medicare eligibility.</summary>
    public required string BaseInsurance { get; init; }

    public required int HomeSiteIndex { get; init; }

    public required int PrimaryCareIndex { get; init; }

    public PatientIdentity Identity { get; set; } = null!;

    public List<SyntheticAdmission> Admissions { get; } = [];

    public string Sex => Female ? "F" : "M";

    public bool PenicillinAllergy => Allergies.Any(a => a.StartsWith("penicillin", StringComparison.Ordinal));

    public bool Takes(string drugKey) => HomeMedications.Contains(drugKey);

    public int AgeAt(DateTime time)
    {
        int age = time.Year - BirthDate.Year;
        if (time.Month < BirthDate.Month || (time.Month == BirthDate.Month && time.Day < BirthDate.Day))
        {
            age--;
        }

        return age;
    }

    /// <summary>Years since the first admission (negative before it).</summary>
    public double YearsSinceIndex(DateTime time) => (time - IndexTime).TotalDays / 365.25;

    /// <summary>Latent eGFR at a time (the trajectory's level, clamped to a physiological range).</summary>
    public double LatentEgfr(DateTime time) => Math.Clamp(Egfr.LevelAt(YearsSinceIndex(time)), 3, 140);

    /// <summary>Latent HbA1c at a time, or null without diabetes.</summary>
    public double? LatentHbA1c(DateTime time) => HbA1c is null ? null : Math.Clamp(HbA1c.LevelAt(YearsSinceIndex(time)), 4.6, 15.5);

    /// <summary>Conditions present at a time: the static ones plus chronic kidney disease when eGFR &lt; 60.</summary>
    public ChronicCondition ConditionsAt(DateTime time) =>
        LatentEgfr(time) < 60 ? StaticConditions | ChronicCondition.ChronicKidneyDisease : StaticConditions;
}
