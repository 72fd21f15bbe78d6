using Galen.Core.Clinical;

namespace Galen.Data.Synthetic.Catalog;

/// <summary>How a chronic condition is named in notes and coded (ICD-10-CM) on every admission.</summary>
/// <param name="Condition">The flag.</param>
/// <param name="Name">Column name in ground truth files (snake case).</param>
/// <param name="Phrase">How notes name it ("type 2 diabetes mellitus").</param>
/// <param name="Code">The ICD-10-CM code coded while the condition is present (stage- or
/// type-specific codes replace it: <see cref="ConditionCatalog.CkdCode"/> and the heart-failure and cancer variants).</param>
public sealed record ConditionInfo(ChronicCondition Condition, string Name, string Phrase, ClinicalCode Code);

/// <summary>The chronic conditions of the synthetic hospital, with real ICD-10-CM codes.</summary>
public static class ConditionCatalog
{
    private static ClinicalCode Icd(string code, string display) => new(CodeSystems.Icd10Cm, code, display);

    public static readonly ClinicalCode HeartFailureSystolic = Icd("I50.22", "Chronic systolic (congestive) heart failure");
    public static readonly ClinicalCode HeartFailureDiastolic = Icd("I50.32", "Chronic diastolic (congestive) heart failure");
    public static readonly ClinicalCode CkdStage3a = Icd("N18.31", "Chronic kidney disease, stage 3a");
    public static readonly ClinicalCode CkdStage3b = Icd("N18.32", "Chronic kidney disease, stage 3b");
    public static readonly ClinicalCode CkdStage4 = Icd("N18.4", "Chronic kidney disease, stage 4 (severe)");
    public static readonly ClinicalCode CkdStage5 = Icd("N18.5", "Chronic kidney disease, stage 5");
    public static readonly ClinicalCode DiabetesWithCkd = Icd("E11.22", "Type 2 diabetes mellitus with diabetic chronic kidney disease");
    public static readonly ClinicalCode LungCancer = Icd("C34.90", "Malignant neoplasm of unspecified part of unspecified bronchus or lung");
    public static readonly ClinicalCode ColonCancer = Icd("C18.9", "Malignant neoplasm of colon, unspecified");
    public static readonly ClinicalCode BreastCancer = Icd("C50.919", "Malignant neoplasm of unspecified site of unspecified female breast");
    public static readonly ClinicalCode ProstateCancer = Icd("C61", "Malignant neoplasm of prostate");
    public static readonly ClinicalCode CurrentSmoker = Icd("F17.210", "Nicotine dependence, cigarettes, uncomplicated");
    public static readonly ClinicalCode FormerSmoker = Icd("Z87.891", "Personal history of nicotine dependence");
    public static readonly ClinicalCode LongTermAnticoagulant = Icd("Z79.01", "Long term (current) use of anticoagulants");
    public static readonly ClinicalCode LongTermInsulin = Icd("Z79.4", "Long term (current) use of insulin");

    /// <summary>Every condition, in flag order.</summary>
    public static IReadOnlyList<ConditionInfo> All { get; } =
    [
        new(ChronicCondition.Hypertension, "hypertension", "hypertension", Icd("I10", "Essential (primary) hypertension")),
        new(ChronicCondition.Diabetes, "diabetes", "type 2 diabetes mellitus", Icd("E11.9", "Type 2 diabetes mellitus without complications")),
        new(ChronicCondition.Hyperlipidemia, "hyperlipidemia", "hyperlipidemia", Icd("E78.5", "Hyperlipidemia, unspecified")),
        new(ChronicCondition.Obesity, "obesity", "obesity", Icd("E66.9", "Obesity, unspecified")),
        new(ChronicCondition.CoronaryArteryDisease, "coronary_artery_disease", "coronary artery disease", Icd("I25.10", "Atherosclerotic heart disease of native coronary artery without angina pectoris")),
        new(ChronicCondition.HeartFailure, "heart_failure", "congestive heart failure", HeartFailureSystolic),
        new(ChronicCondition.AtrialFibrillation, "atrial_fibrillation", "atrial fibrillation", Icd("I48.91", "Unspecified atrial fibrillation")),
        new(ChronicCondition.Copd, "copd", "COPD", Icd("J44.9", "Chronic obstructive pulmonary disease, unspecified")),
        new(ChronicCondition.Asthma, "asthma", "asthma", Icd("J45.909", "Unspecified asthma, uncomplicated")),
        new(ChronicCondition.ChronicKidneyDisease, "chronic_kidney_disease", "chronic kidney disease", CkdStage3a),
        new(ChronicCondition.Cancer, "cancer", "cancer", LungCancer),
        new(ChronicCondition.Dementia, "dementia", "dementia", Icd("F03.90", "Unspecified dementia without behavioral disturbance")),
        new(ChronicCondition.Depression, "depression", "depression", Icd("F32.9", "Major depressive disorder, single episode, unspecified")),
        new(ChronicCondition.Cirrhosis, "cirrhosis", "cirrhosis of the liver", Icd("K74.60", "Unspecified cirrhosis of liver")),
        new(ChronicCondition.PriorStroke, "prior_stroke", "prior ischemic stroke", Icd("Z86.73", "Personal history of transient ischemic attack (TIA), and cerebral infarction without residual deficits")),
        new(ChronicCondition.Hypothyroidism, "hypothyroidism", "hypothyroidism", Icd("E03.9", "Hypothyroidism, unspecified")),
    ];

    private static readonly Dictionary<ChronicCondition, ConditionInfo> ByFlag = All.ToDictionary(c => c.Condition);

    public static ConditionInfo Get(ChronicCondition condition) => ByFlag[condition];

    /// <summary>Conditions present in a set of flags, in catalogue order.</summary>
    public static IEnumerable<ConditionInfo> In(ChronicCondition conditions) => All.Where(c => (conditions & c.Condition) != 0);

    /// <summary>
    /// The chronic conditions an ICD-10-CM code (dotted or not) indicates. The coded conditions of
    /// an admission, an input of the outcome model, are the union of this over its DIAGNOSES_ICD.
    /// </summary>
    public static ChronicCondition FromIcd10(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        string c = code.Replace(".", string.Empty, StringComparison.Ordinal);
        bool Starts(string prefix) => c.StartsWith(prefix, StringComparison.Ordinal);
        if (c == "I10")
        {
            return ChronicCondition.Hypertension;
        }

        return c switch
        {
            _ when Starts("E11") => ChronicCondition.Diabetes,
            _ when Starts("E78") => ChronicCondition.Hyperlipidemia,
            _ when Starts("E66") => ChronicCondition.Obesity,
            _ when Starts("I25") => ChronicCondition.CoronaryArteryDisease,
            _ when Starts("I50") => ChronicCondition.HeartFailure,
            _ when Starts("I48") => ChronicCondition.AtrialFibrillation,
            _ when Starts("J44") => ChronicCondition.Copd,
            _ when Starts("J45") => ChronicCondition.Asthma,
            _ when Starts("N18") => ChronicCondition.ChronicKidneyDisease,
            _ when Starts("C18") || Starts("C34") || Starts("C50") || Starts("C61") => ChronicCondition.Cancer,
            _ when Starts("F03") => ChronicCondition.Dementia,
            _ when Starts("F32") => ChronicCondition.Depression,
            _ when Starts("K74") => ChronicCondition.Cirrhosis,
            _ when Starts("Z8673") => ChronicCondition.PriorStroke,
            _ when Starts("E03") => ChronicCondition.Hypothyroidism,
            _ => ChronicCondition.None,
        };
    }

    /// <summary>CKD stage code for an estimated GFR in mL/min/1.73 m² (KDIGO thresholds), or null above 60.</summary>
    public static ClinicalCode? CkdCode(double egfr) => egfr switch
    {
        >= 60 => null,
        >= 45 => CkdStage3a,
        >= 30 => CkdStage3b,
        >= 15 => CkdStage4,
        _ => CkdStage5,
    };
}
