using Galen.Core.Clinical;

namespace Galen.Data.Synthetic.Catalog;

/// <summary>Secondary diagnoses coded from what the first 24 hours of an admission recorded.</summary>
public static class AcuteDiagnoses
{
    private static ClinicalCode Icd(string code, string display) => new(CodeSystems.Icd10Cm, code, display);

    public static readonly ClinicalCode SepticShock = Icd("R65.21", "Severe sepsis with septic shock");
    public static readonly ClinicalCode SevereSepsis = Icd("R65.20", "Severe sepsis without septic shock");
    public static readonly ClinicalCode HypoxicRespiratoryFailure = Icd("J96.01", "Acute respiratory failure with hypoxia");
    public static readonly ClinicalCode Hyponatremia = Icd("E87.1", "Hypo-osmolality and hyponatremia");
    public static readonly ClinicalCode Hyperkalemia = Icd("E87.5", "Hyperkalemia");
    public static readonly ClinicalCode PosthemorrhagicAnemia = Icd("D62", "Acute posthemorrhagic anemia");
    public static readonly ClinicalCode Anemia = Icd("D64.9", "Anemia, unspecified");
    public static readonly ClinicalCode AcuteKidneyInjury = Icd("N17.9", "Acute kidney failure, unspecified");
    public static readonly ClinicalCode Dehydration = Icd("E86.0", "Dehydration");

    public static IReadOnlyList<ClinicalCode> All { get; } =
        [SepticShock, SevereSepsis, HypoxicRespiratoryFailure, Hyponatremia, Hyperkalemia, PosthemorrhagicAnemia, Anemia, AcuteKidneyInjury, Dehydration];
}
