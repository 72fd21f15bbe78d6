using Galen.Core.Clinical;
using static Galen.Data.Synthetic.Catalog.Analyte;

namespace Galen.Data.Synthetic.Catalog;

/// <summary>The admission reasons of the synthetic hospital and their parameters.</summary>
public static class ReasonCatalog
{
    private static ClinicalCode Icd(string code, string display) => new(CodeSystems.Icd10Cm, code, display);

    private static PhysiologyShift S(Analyte analyte, double perSeverity, double fixedPart = 0) => new(analyte, fixedPart, perSeverity);

    private static SymptomFrequency F(Symptom symptom, double probability) => new(symptom, probability);

    private static Indication D(string drug, double probability) => new(drug, probability);

    /// <summary>Every reason, indexed by <see cref="AdmissionReason"/>.</summary>
    public static IReadOnlyList<ReasonProfile> All { get; } =
    [
        new()
        {
            Reason = AdmissionReason.Sepsis, Key = "sepsis", Name = "sepsis",
            Codes = [Icd("A41.9", "Sepsis, unspecified organism")],
            AdmissionType = "EMERGENCY", Service = "MED", SeverityMedian = 1.3, IcuBias = 0.8, AirwayBias = 0.8,
            MortalityEffect = 0.5, LengthOfStayEffect = 0.35, ReadmissionEffect = 0.2,
            Shifts = [S(HeartRate, 18), S(SystolicBloodPressure, -18), S(RespiratoryRate, 4), S(OxygenSaturation, -2), S(Temperature, 0.9),
                S(WhiteBloodCells, 6), S(Lactate, 0.55), S(Creatinine, 0.25), S(Platelets, -40), S(Sodium, -1.5), S(Bicarbonate, -3),
                S(Bilirubin, 0.5), S(Albumin, -0.3), S(Glucose, 20), S(Inr, 0.15), S(Hemoglobin, -0.4), S(TroponinI, 0.4), S(Bnp, 0.3)],
            Symptoms = [F(Symptoms.Fever, 0.8), F(Symptoms.Chills, 0.6), F(Symptoms.Confusion, 0.4), F(Symptoms.Weakness, 0.5), F(Symptoms.Dizziness, 0.3)],
            Treatments = [D("vancomycin", 0.7), D("piperacillin_tazobactam", 0.6), D("ceftriaxone", 0.3), D("sodium_chloride", 0.9), D("acetaminophen", 0.6)],
        },
        new()
        {
            Reason = AdmissionReason.Pneumonia, Key = "pneumonia", Name = "community-acquired pneumonia",
            Codes = [Icd("J18.9", "Pneumonia, unspecified organism")],
            AdmissionType = "EMERGENCY", Service = "MED", SeverityMedian = 1.0, IcuBias = 0, AirwayBias = 1.2,
            MortalityEffect = 0.3, LengthOfStayEffect = 0.15, ReadmissionEffect = 0.1,
            Shifts = [S(HeartRate, 14), S(SystolicBloodPressure, -6), S(RespiratoryRate, 5), S(OxygenSaturation, -4), S(Temperature, 0.9),
                S(WhiteBloodCells, 5), S(Lactate, 0.25), S(Creatinine, 0.1), S(Sodium, -2)],
            Symptoms = [F(Symptoms.ProductiveCough, 0.8), F(Symptoms.Fever, 0.7), F(Symptoms.Dyspnea, 0.8), F(Symptoms.PleuriticPain, 0.3), F(Symptoms.Chills, 0.4), F(Symptoms.Fatigue, 0.4)],
            Treatments = [D("ceftriaxone", 0.8), D("azithromycin", 0.7), D("levofloxacin", 0.2), D("acetaminophen", 0.5)],
        },
        new()
        {
            Reason = AdmissionReason.UrinaryTractInfection, Key = "uti", Name = "urinary tract infection",
            Codes = [Icd("N39.0", "Urinary tract infection, site not specified")],
            AdmissionType = "EMERGENCY", Service = "MED", SeverityMedian = 0.8, IcuBias = -0.8, AirwayBias = -1,
            MortalityEffect = -0.4, LengthOfStayEffect = -0.05, ReadmissionEffect = 0,
            Shifts = [S(HeartRate, 10), S(SystolicBloodPressure, -5), S(RespiratoryRate, 1.5), S(Temperature, 0.8),
                S(WhiteBloodCells, 4), S(Creatinine, 0.12), S(Lactate, 0.15)],
            Symptoms = [F(Symptoms.Dysuria, 0.7), F(Symptoms.UrinaryFrequency, 0.6), F(Symptoms.Fever, 0.6), F(Symptoms.Confusion, 0.3), F(Symptoms.AbdominalPain, 0.3)],
            Treatments = [D("ceftriaxone", 0.7), D("nitrofurantoin", 0.2), D("sodium_chloride", 0.5), D("acetaminophen", 0.5)],
        },
        new()
        {
            Reason = AdmissionReason.HeartFailureExacerbation, Key = "heart_failure_exacerbation", Name = "acute on chronic heart failure",
            Codes = [Icd("I50.23", "Acute on chronic systolic (congestive) heart failure"), Icd("I50.33", "Acute on chronic diastolic (congestive) heart failure")],
            AdmissionType = "EMERGENCY", Service = "CMED", SeverityMedian = 1.0, IcuBias = 0, AirwayBias = 0.8,
            MortalityEffect = 0.1, LengthOfStayEffect = 0.1, ReadmissionEffect = 0.35,
            Shifts = [S(HeartRate, 10), S(SystolicBloodPressure, 8), S(RespiratoryRate, 5), S(OxygenSaturation, -4),
                S(Bnp, 0.9), S(Creatinine, 0.15), S(Sodium, -2.5), S(TroponinI, 0.5), S(Potassium, 0.1)],
            Symptoms = [F(Symptoms.Dyspnea, 0.95), F(Symptoms.Orthopnea, 0.6), F(Symptoms.Edema, 0.75), F(Symptoms.Fatigue, 0.5), F(Symptoms.Cough, 0.2)],
            Treatments = [D("furosemide_iv", 0.95), D("potassium_chloride", 0.5)],
        },
        new()
        {
            Reason = AdmissionReason.CopdExacerbation, Key = "copd_exacerbation", Name = "COPD exacerbation",
            Codes = [Icd("J44.1", "Chronic obstructive pulmonary disease with (acute) exacerbation")],
            AdmissionType = "EMERGENCY", Service = "MED", SeverityMedian = 1.0, IcuBias = 0, AirwayBias = 1.2,
            MortalityEffect = 0, LengthOfStayEffect = 0.05, ReadmissionEffect = 0.35,
            Shifts = [S(HeartRate, 14), S(SystolicBloodPressure, 4), S(RespiratoryRate, 7), S(OxygenSaturation, -5), S(Temperature, 0.2),
                S(WhiteBloodCells, 2.5), S(Bicarbonate, 2), S(Glucose, 10)],
            Symptoms = [F(Symptoms.Dyspnea, 0.95), F(Symptoms.Wheezing, 0.8), F(Symptoms.ProductiveCough, 0.6), F(Symptoms.Fatigue, 0.3)],
            Treatments = [D("methylprednisolone", 0.5), D("prednisone", 0.5), D("ipratropium", 0.8), D("albuterol", 0.9), D("azithromycin", 0.4)],
        },
        new()
        {
            Reason = AdmissionReason.Nstemi, Key = "nstemi", Name = "non-ST elevation myocardial infarction",
            Codes = [Icd("I21.4", "Non-ST elevation (NSTEMI) myocardial infarction")],
            AdmissionType = "EMERGENCY", Service = "CMED", SeverityMedian = 1.0, IcuBias = 0.3, AirwayBias = -0.5,
            MortalityEffect = 0.3, LengthOfStayEffect = 0, ReadmissionEffect = 0.1,
            Shifts = [S(HeartRate, 10), S(SystolicBloodPressure, 6), S(RespiratoryRate, 3), S(OxygenSaturation, -1.5),
                S(TroponinI, 0.8, 3.5), S(Bnp, 0.5), S(Glucose, 15)],
            Symptoms = [F(Symptoms.ChestPain, 0.9), F(Symptoms.Sweating, 0.5), F(Symptoms.Dyspnea, 0.5), F(Symptoms.Nausea, 0.3)],
            Treatments = [D("aspirin", 0.95), D("heparin", 0.8), D("clopidogrel", 0.6), D("atorvastatin", 0.9), D("metoprolol", 0.7), D("nitroglycerin", 0.4)],
        },
        new()
        {
            Reason = AdmissionReason.IschemicStroke, Key = "ischemic_stroke", Name = "acute ischemic stroke",
            Codes = [Icd("I63.9", "Cerebral infarction, unspecified")],
            AdmissionType = "EMERGENCY", Service = "NMED", SeverityMedian = 1.0, IcuBias = 0.5, AirwayBias = 0.8,
            MortalityEffect = 0.7, LengthOfStayEffect = 0.35, ReadmissionEffect = 0.1,
            Shifts = [S(HeartRate, 2), S(SystolicBloodPressure, 28), S(RespiratoryRate, 1), S(OxygenSaturation, -1), S(Glucose, 15)],
            Symptoms = [F(Symptoms.Hemiparesis, 0.8), F(Symptoms.Dysarthria, 0.6), F(Symptoms.Confusion, 0.3), F(Symptoms.Headache, 0.2), F(Symptoms.Dizziness, 0.3)],
            Treatments = [D("aspirin", 0.8), D("atorvastatin", 0.8), D("alteplase", 0.15)],
        },
        new()
        {
            Reason = AdmissionReason.GastrointestinalBleed, Key = "gi_bleed", Name = "gastrointestinal bleeding",
            Codes = [Icd("K92.2", "Gastrointestinal hemorrhage, unspecified")],
            AdmissionType = "EMERGENCY", Service = "MED", SeverityMedian = 1.0, IcuBias = 0.3, AirwayBias = -0.5,
            MortalityEffect = 0.2, LengthOfStayEffect = 0, ReadmissionEffect = 0.2,
            Shifts = [S(HeartRate, 18), S(SystolicBloodPressure, -14), S(RespiratoryRate, 2),
                S(Hemoglobin, -3.0), S(UreaNitrogen, 18), S(Lactate, 0.3), S(Inr, 0.1), S(Platelets, -10)],
            Symptoms = [F(Symptoms.Melena, 0.7), F(Symptoms.Hematemesis, 0.35), F(Symptoms.Dizziness, 0.5), F(Symptoms.Weakness, 0.4), F(Symptoms.AbdominalPain, 0.2)],
            Treatments = [D("pantoprazole", 0.95), D("sodium_chloride", 0.6)],
        },
        new()
        {
            Reason = AdmissionReason.AcuteKidneyInjury, Key = "aki", Name = "acute kidney injury",
            Codes = [Icd("N17.9", "Acute kidney failure, unspecified")],
            AdmissionType = "EMERGENCY", Service = "MED", SeverityMedian = 1.0, IcuBias = -0.2, AirwayBias = -1,
            MortalityEffect = 0.2, LengthOfStayEffect = 0.05, ReadmissionEffect = 0.15,
            Shifts = [S(HeartRate, 6), S(SystolicBloodPressure, -6), S(RespiratoryRate, 1),
                S(Creatinine, 0.9), S(Potassium, 0.7), S(Bicarbonate, -4), S(UreaNitrogen, 25), S(Sodium, -1)],
            Symptoms = [F(Symptoms.Oliguria, 0.6), F(Symptoms.Nausea, 0.4), F(Symptoms.Fatigue, 0.5), F(Symptoms.Edema, 0.2)],
            Treatments = [D("sodium_chloride", 0.7)],
        },
        new()
        {
            Reason = AdmissionReason.DiabeticKetoacidosis, Key = "dka", Name = "diabetic ketoacidosis",
            Codes = [Icd("E11.10", "Type 2 diabetes mellitus with ketoacidosis without coma")],
            AdmissionType = "EMERGENCY", Service = "MED", SeverityMedian = 1.0, IcuBias = 1.2, AirwayBias = -1,
            MortalityEffect = -0.4, LengthOfStayEffect = -0.1, ReadmissionEffect = 0.1,
            Shifts = [S(HeartRate, 18), S(SystolicBloodPressure, -8), S(RespiratoryRate, 8),
                S(Glucose, 80, 330), S(Bicarbonate, -3, -9), S(Potassium, 1.0), S(Creatinine, 0.35), S(Sodium, -3), S(Lactate, 0.3), S(WhiteBloodCells, 4)],
            Symptoms = [F(Symptoms.Polyuria, 0.7), F(Symptoms.Polydipsia, 0.6), F(Symptoms.Nausea, 0.6), F(Symptoms.Vomiting, 0.5), F(Symptoms.AbdominalPain, 0.4)],
            Treatments = [D("insulin_regular", 0.98), D("potassium_chloride", 0.8), D("sodium_chloride", 0.95)],
        },
        new()
        {
            Reason = AdmissionReason.AtrialFibrillationRvr, Key = "afib_rvr", Name = "atrial fibrillation with rapid ventricular response",
            Codes = [Icd("I48.91", "Unspecified atrial fibrillation")],
            AdmissionType = "EMERGENCY", Service = "CMED", SeverityMedian = 1.0, IcuBias = -0.3, AirwayBias = -1,
            MortalityEffect = -0.4, LengthOfStayEffect = -0.2, ReadmissionEffect = 0.1,
            Shifts = [S(HeartRate, 12, 40), S(SystolicBloodPressure, -6), S(RespiratoryRate, 3), S(OxygenSaturation, -1), S(Bnp, 0.5), S(TroponinI, 0.5)],
            Symptoms = [F(Symptoms.Palpitations, 0.85), F(Symptoms.Dyspnea, 0.5), F(Symptoms.Dizziness, 0.4), F(Symptoms.ChestPain, 0.2), F(Symptoms.Fatigue, 0.3)],
            Treatments = [D("diltiazem", 0.7), D("metoprolol", 0.6), D("apixaban", 0.5), D("heparin", 0.3)],
        },
        new()
        {
            Reason = AdmissionReason.PulmonaryEmbolism, Key = "pulmonary_embolism", Name = "pulmonary embolism",
            Codes = [Icd("I26.99", "Other pulmonary embolism without acute cor pulmonale")],
            AdmissionType = "EMERGENCY", Service = "MED", SeverityMedian = 1.0, IcuBias = 0.2, AirwayBias = 0.3,
            MortalityEffect = 0.3, LengthOfStayEffect = 0, ReadmissionEffect = 0.05,
            Shifts = [S(HeartRate, 20), S(SystolicBloodPressure, -6), S(RespiratoryRate, 6), S(OxygenSaturation, -5),
                S(TroponinI, 0.8), S(Bnp, 0.6), S(Lactate, 0.2)],
            Symptoms = [F(Symptoms.Dyspnea, 0.9), F(Symptoms.PleuriticPain, 0.6), F(Symptoms.Cough, 0.2), F(Symptoms.Edema, 0.3), F(Symptoms.Syncope, 0.1)],
            Treatments = [D("heparin", 0.7), D("apixaban", 0.5), D("enoxaparin", 0.3)],
        },
        new()
        {
            Reason = AdmissionReason.Cellulitis, Key = "cellulitis", Name = "cellulitis of the leg",
            Codes = [Icd("L03.115", "Cellulitis of right lower limb"), Icd("L03.116", "Cellulitis of left lower limb")],
            AdmissionType = "EMERGENCY", Service = "MED", SeverityMedian = 0.7, IcuBias = -1.5, AirwayBias = -1,
            MortalityEffect = -0.6, LengthOfStayEffect = 0.05, ReadmissionEffect = 0,
            Shifts = [S(HeartRate, 8), S(RespiratoryRate, 1), S(Temperature, 0.7), S(WhiteBloodCells, 4)],
            Symptoms = [F(Symptoms.Erythema, 0.95), F(Symptoms.Swelling, 0.8), F(Symptoms.Fever, 0.5), F(Symptoms.Chills, 0.3)],
            Treatments = [D("cefazolin", 0.7), D("vancomycin", 0.4), D("acetaminophen", 0.5)],
        },
        new()
        {
            Reason = AdmissionReason.HipFracture, Key = "hip_fracture", Name = "hip fracture",
            Codes = [Icd("S72.001A", "Fracture of unspecified part of neck of right femur, initial encounter for closed fracture"), Icd("S72.002A", "Fracture of unspecified part of neck of left femur, initial encounter for closed fracture")],
            AdmissionType = "EMERGENCY", Service = "ORTHO", SeverityMedian = 0.8, IcuBias = -1.5, AirwayBias = -1,
            MortalityEffect = 0.3, LengthOfStayEffect = 0.45, ReadmissionEffect = 0.1,
            Shifts = [S(HeartRate, 8), S(SystolicBloodPressure, 6), S(RespiratoryRate, 1), S(Hemoglobin, -1.5)],
            Symptoms = [F(Symptoms.HipPain, 0.95), F(Symptoms.Fall, 0.9), F(Symptoms.Dizziness, 0.2)],
            Treatments = [D("oxycodone", 0.7), D("acetaminophen", 0.9), D("enoxaparin", 0.8), D("cefazolin", 0.8)],
        },
        new()
        {
            Reason = AdmissionReason.Syncope, Key = "syncope", Name = "syncope",
            Codes = [Icd("R55", "Syncope and collapse")],
            AdmissionType = "EMERGENCY", Service = "MED", SeverityMedian = 0.5, IcuBias = -1.5, AirwayBias = -1,
            MortalityEffect = -0.6, LengthOfStayEffect = -0.45, ReadmissionEffect = -0.2,
            Shifts = [S(HeartRate, -2), S(SystolicBloodPressure, -8)],
            Symptoms = [F(Symptoms.Syncope, 0.95), F(Symptoms.Dizziness, 0.6), F(Symptoms.Fall, 0.3), F(Symptoms.Palpitations, 0.15)],
            Treatments = [D("sodium_chloride", 0.3)],
        },
        new()
        {
            Reason = AdmissionReason.ChestPain, Key = "chest_pain", Name = "chest pain",
            Codes = [Icd("R07.9", "Chest pain, unspecified")],
            AdmissionType = "EMERGENCY", Service = "CMED", SeverityMedian = 0.4, IcuBias = -2, AirwayBias = -1,
            MortalityEffect = -0.8, LengthOfStayEffect = -0.6, ReadmissionEffect = -0.4,
            Shifts = [S(HeartRate, 4), S(SystolicBloodPressure, 6), S(TroponinI, 0.2)],
            Symptoms = [F(Symptoms.ChestPain, 0.98), F(Symptoms.Dyspnea, 0.2), F(Symptoms.Nausea, 0.1)],
            Treatments = [D("aspirin", 0.8), D("nitroglycerin", 0.4)],
        },
        new()
        {
            Reason = AdmissionReason.Pancreatitis, Key = "pancreatitis", Name = "acute pancreatitis",
            Codes = [Icd("K85.90", "Acute pancreatitis without necrosis or infection, unspecified")],
            AdmissionType = "EMERGENCY", Service = "MED", SeverityMedian = 1.0, IcuBias = 0, AirwayBias = -0.5,
            MortalityEffect = 0.1, LengthOfStayEffect = 0.2, ReadmissionEffect = 0.1,
            Shifts = [S(HeartRate, 16), S(SystolicBloodPressure, -6), S(RespiratoryRate, 3), S(Temperature, 0.5),
                S(WhiteBloodCells, 5), S(Glucose, 40), S(Lactate, 0.3), S(Creatinine, 0.15), S(Bilirubin, 0.6)],
            Symptoms = [F(Symptoms.AbdominalPain, 0.98), F(Symptoms.Nausea, 0.8), F(Symptoms.Vomiting, 0.6), F(Symptoms.Fever, 0.2)],
            Treatments = [D("morphine", 0.6), D("sodium_chloride", 0.95), D("ondansetron", 0.7)],
        },
        new()
        {
            Reason = AdmissionReason.Hypoglycemia, Key = "hypoglycemia", Name = "hypoglycemia",
            Codes = [Icd("E11.649", "Type 2 diabetes mellitus with hypoglycemia without coma")],
            AdmissionType = "EMERGENCY", Service = "MED", SeverityMedian = 0.7, IcuBias = -1, AirwayBias = -1,
            MortalityEffect = -0.4, LengthOfStayEffect = -0.4, ReadmissionEffect = 0.1,
            Shifts = [S(HeartRate, 8), S(Glucose, -15, -120)],
            Symptoms = [F(Symptoms.Confusion, 0.7), F(Symptoms.Sweating, 0.6), F(Symptoms.Weakness, 0.5), F(Symptoms.Syncope, 0.2)],
            Treatments = [D("dextrose", 0.95)],
        },
        new()
        {
            Reason = AdmissionReason.KneeReplacement, Key = "knee_replacement", Name = "primary osteoarthritis of the knee for total knee arthroplasty",
            Codes = [Icd("M17.11", "Unilateral primary osteoarthritis, right knee"), Icd("M17.12", "Unilateral primary osteoarthritis, left knee")],
            AdmissionType = "ELECTIVE", Service = "ORTHO", SeverityMedian = 0.3, IcuBias = -2.5, AirwayBias = -2,
            MortalityEffect = -1.2, LengthOfStayEffect = 0, ReadmissionEffect = -0.6,
            Shifts = [S(HeartRate, 4), S(Hemoglobin, -1.0)],
            Symptoms = [F(Symptoms.KneePain, 0.98), F(Symptoms.Swelling, 0.3)],
            Treatments = [D("cefazolin", 0.95), D("oxycodone", 0.8), D("enoxaparin", 0.9), D("acetaminophen", 0.9)],
        },
        new()
        {
            Reason = AdmissionReason.Colectomy, Key = "colectomy", Name = "sigmoid colon cancer for sigmoid colectomy",
            Codes = [Icd("C18.7", "Malignant neoplasm of sigmoid colon")],
            AdmissionType = "ELECTIVE", Service = "SURG", SeverityMedian = 0.5, IcuBias = -1.5, AirwayBias = -2,
            MortalityEffect = -0.3, LengthOfStayEffect = 0.6, ReadmissionEffect = -0.6,
            Shifts = [S(HeartRate, 6), S(Hemoglobin, -1.2), S(WhiteBloodCells, 3)],
            Symptoms = [F(Symptoms.RectalBleeding, 0.4), F(Symptoms.WeightLoss, 0.3), F(Symptoms.AbdominalPain, 0.3)],
            Treatments = [D("cefazolin", 0.95), D("morphine", 0.7), D("enoxaparin", 0.9), D("ondansetron", 0.6)],
        },
    ];

    public static ReasonProfile Get(AdmissionReason reason) => All[(int)reason];

    /// <summary>Log-scale analytes: shifts multiply the value by e^shift.</summary>
    public static bool IsLogScale(Analyte analyte) => analyte is Creatinine or Lactate or TroponinI or Bnp;
}
