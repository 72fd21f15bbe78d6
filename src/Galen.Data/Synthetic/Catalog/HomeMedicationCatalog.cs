namespace Galen.Data.Synthetic.Catalog;

/// <summary>
/// A long-term drug for a chronic condition, taken with a probability. Drugs that share a
/// <paramref name="Group"/> exclude each other (one statin, one anticoagulant, one beta blocker).
/// </summary>
public sealed record HomeMedication(ChronicCondition Condition, string DrugKey, double Probability, string? Group = null);

/// <summary>Which chronic condition is treated with which home medication, and how often.</summary>
public static class HomeMedicationCatalog
{
    public static IReadOnlyList<HomeMedication> All { get; } =
    [
        new(ChronicCondition.Hypertension, "lisinopril", 0.40, "raas"),
        new(ChronicCondition.Hypertension, "losartan", 0.15, "raas"),
        new(ChronicCondition.Hypertension, "amlodipine", 0.40),
        new(ChronicCondition.Hypertension, "hydrochlorothiazide", 0.25),
        new(ChronicCondition.Diabetes, "metformin", 0.70),
        new(ChronicCondition.Diabetes, "empagliflozin", 0.20),
        new(ChronicCondition.Hyperlipidemia, "atorvastatin", 0.65, "statin"),
        new(ChronicCondition.Hyperlipidemia, "simvastatin", 0.20, "statin"),
        new(ChronicCondition.CoronaryArteryDisease, "aspirin", 0.80),
        new(ChronicCondition.CoronaryArteryDisease, "clopidogrel", 0.25),
        new(ChronicCondition.CoronaryArteryDisease, "metoprolol", 0.50, "beta_blocker"),
        new(ChronicCondition.CoronaryArteryDisease, "atorvastatin", 0.80, "statin"),
        new(ChronicCondition.CoronaryArteryDisease, "nitroglycerin", 0.30),
        new(ChronicCondition.HeartFailure, "furosemide", 0.85),
        new(ChronicCondition.HeartFailure, "carvedilol", 0.50, "beta_blocker"),
        new(ChronicCondition.HeartFailure, "metoprolol", 0.25, "beta_blocker"),
        new(ChronicCondition.HeartFailure, "spironolactone", 0.35),
        new(ChronicCondition.HeartFailure, "sacubitril_valsartan", 0.25, "raas"),
        new(ChronicCondition.AtrialFibrillation, "apixaban", 0.45, "anticoagulant"),
        new(ChronicCondition.AtrialFibrillation, "warfarin", 0.35, "anticoagulant"),
        new(ChronicCondition.AtrialFibrillation, "rivaroxaban", 0.30, "anticoagulant"),
        new(ChronicCondition.AtrialFibrillation, "metoprolol", 0.50, "beta_blocker"),
        new(ChronicCondition.AtrialFibrillation, "diltiazem", 0.20),
        new(ChronicCondition.AtrialFibrillation, "digoxin", 0.10),
        new(ChronicCondition.AtrialFibrillation, "amiodarone", 0.10),
        new(ChronicCondition.Copd, "tiotropium", 0.60),
        new(ChronicCondition.Copd, "albuterol", 0.85),
        new(ChronicCondition.Copd, "fluticasone_salmeterol", 0.40),
        new(ChronicCondition.Asthma, "albuterol", 0.90),
        new(ChronicCondition.Asthma, "fluticasone_salmeterol", 0.50),
        new(ChronicCondition.ChronicKidneyDisease, "allopurinol", 0.10),
        new(ChronicCondition.ChronicKidneyDisease, "epoetin_alfa", 0.10),
        new(ChronicCondition.ChronicKidneyDisease, "sevelamer", 0.10),
        new(ChronicCondition.Cancer, "ondansetron_po", 0.30),
        new(ChronicCondition.Cancer, "oxycodone", 0.25),
        new(ChronicCondition.Dementia, "donepezil", 0.60),
        new(ChronicCondition.Depression, "sertraline", 0.60),
        new(ChronicCondition.Cirrhosis, "lactulose", 0.60),
        new(ChronicCondition.Cirrhosis, "spironolactone", 0.50),
        new(ChronicCondition.Cirrhosis, "furosemide", 0.30),
        new(ChronicCondition.PriorStroke, "aspirin", 0.60),
        new(ChronicCondition.PriorStroke, "clopidogrel", 0.30),
        new(ChronicCondition.PriorStroke, "atorvastatin", 0.70, "statin"),
        new(ChronicCondition.Hypothyroidism, "levothyroxine", 0.95),
    ];
}
