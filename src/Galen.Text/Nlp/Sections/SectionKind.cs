namespace Galen.Text.Nlp.Sections;

/// <summary>The sections of a clinical note, after their usual headers.</summary>
public enum SectionKind
{
    /// <summary>Text before the first recognised header (title, demographics).</summary>
    Preamble,
    ChiefComplaint,
    HistoryOfPresentIllness,
    PastMedicalHistory,
    PastSurgicalHistory,
    Medications,
    Allergies,
    FamilyHistory,
    SocialHistory,
    ReviewOfSystems,
    PhysicalExam,
    Results,
    AssessmentAndPlan,
    HospitalCourse,
    DischargeDiagnoses,
    DischargeMedications,
    DischargeInstructions,
}
