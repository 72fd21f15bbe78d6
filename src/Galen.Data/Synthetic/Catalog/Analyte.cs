namespace Galen.Data.Synthetic.Catalog;

/// <summary>Everything the synthetic hospital measures: laboratory tests and vital signs.</summary>
public enum Analyte
{
    // Vital signs (CHARTEVENTS).
    HeartRate,
    SystolicBloodPressure,
    DiastolicBloodPressure,
    RespiratoryRate,
    OxygenSaturation,
    Temperature,

    // Laboratory tests (LABEVENTS).
    Sodium,
    Potassium,
    Bicarbonate,
    UreaNitrogen,
    Creatinine,
    Egfr,
    Glucose,
    WhiteBloodCells,
    Hemoglobin,
    Platelets,
    Lactate,
    TroponinI,
    Bnp,
    Inr,
    Bilirubin,
    Albumin,
    HbA1c,
    LdlCholesterol,
}

/// <summary>How an analyte is identified and written.</summary>
/// <param name="Analyte">The analyte.</param>
/// <param name="IsVitalSign">True for chart events (vital signs), false for laboratory tests.</param>
/// <param name="ItemId">ITEMID in D_LABITEMS / D_ITEMS.</param>
/// <param name="Label">LABEL as written in the dictionary tables.</param>
/// <param name="Loinc">LOINC code.</param>
/// <param name="LoincName">LOINC long common name (shortened where long).</param>
/// <param name="Unit">Unit as written in VALUEUOM.</param>
/// <param name="Ucum">UCUM code for FHIR Quantity.code.</param>
/// <param name="Decimals">Decimals written; values are rounded to these before any risk is computed from them.</param>
/// <param name="NormalLow">Lower reference limit (FLAG "abnormal" below it).</param>
/// <param name="NormalHigh">Upper reference limit (FLAG "abnormal" above it).</param>
/// <param name="Fluid">Specimen (labs only).</param>
/// <param name="Category">Lab section (labs) or chart category (vitals).</param>
public sealed record AnalyteInfo(
    Analyte Analyte,
    bool IsVitalSign,
    int ItemId,
    string Label,
    string Loinc,
    string LoincName,
    string Unit,
    string Ucum,
    int Decimals,
    double NormalLow,
    double NormalHigh,
    string Fluid,
    string Category)
{
    /// <summary>Short snake-case name used in ground-truth columns.</summary>
    public string Key => Analyte switch
    {
        Analyte.HeartRate => "hr",
        Analyte.SystolicBloodPressure => "sbp",
        Analyte.DiastolicBloodPressure => "dbp",
        Analyte.RespiratoryRate => "rr",
        Analyte.OxygenSaturation => "spo2",
        Analyte.Temperature => "temp",
        Analyte.UreaNitrogen => "bun",
        Analyte.WhiteBloodCells => "wbc",
        Analyte.TroponinI => "troponin",
        Analyte.LdlCholesterol => "ldl",
        _ => Analyte.ToString().ToLowerInvariant(),
    };
}

/// <summary>The analyte dictionary: item ids, labels, LOINC codes and units.</summary>
public static class AnalyteCatalog
{
    /// <summary>Every analyte, indexed by <see cref="Analyte"/>.</summary>
    public static IReadOnlyList<AnalyteInfo> All { get; } =
    [
        new(Analyte.HeartRate, true, 220045, "Heart Rate", "8867-4", "Heart rate", "bpm", "/min", 0, 60, 100, "", "Routine Vital Signs"),
        new(Analyte.SystolicBloodPressure, true, 220179, "Non Invasive Blood Pressure systolic", "8480-6", "Systolic blood pressure", "mmHg", "mm[Hg]", 0, 90, 140, "", "Routine Vital Signs"),
        new(Analyte.DiastolicBloodPressure, true, 220180, "Non Invasive Blood Pressure diastolic", "8462-4", "Diastolic blood pressure", "mmHg", "mm[Hg]", 0, 60, 90, "", "Routine Vital Signs"),
        new(Analyte.RespiratoryRate, true, 220210, "Respiratory Rate", "9279-1", "Respiratory rate", "insp/min", "/min", 0, 12, 20, "", "Respiratory"),
        new(Analyte.OxygenSaturation, true, 220277, "O2 saturation pulseoxymetry", "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "%", "%", 0, 94, 100, "", "Respiratory"),
        new(Analyte.Temperature, true, 223762, "Temperature Celsius", "8310-5", "Body temperature", "°C", "Cel", 1, 36.0, 38.0, "", "Routine Vital Signs"),
        new(Analyte.Sodium, false, 50983, "Sodium", "2951-2", "Sodium [Moles/volume] in Serum or Plasma", "mEq/L", "meq/L", 0, 135, 145, "Blood", "Chemistry"),
        new(Analyte.Potassium, false, 50971, "Potassium", "2823-3", "Potassium [Moles/volume] in Serum or Plasma", "mEq/L", "meq/L", 1, 3.5, 5.1, "Blood", "Chemistry"),
        new(Analyte.Bicarbonate, false, 50882, "Bicarbonate", "1963-8", "Bicarbonate [Moles/volume] in Serum or Plasma", "mEq/L", "meq/L", 0, 22, 32, "Blood", "Chemistry"),
        new(Analyte.UreaNitrogen, false, 51006, "Urea Nitrogen", "3094-0", "Urea nitrogen [Mass/volume] in Serum or Plasma", "mg/dL", "mg/dL", 0, 6, 20, "Blood", "Chemistry"),
        new(Analyte.Creatinine, false, 50912, "Creatinine", "2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", "mg/dL", 2, 0.5, 1.2, "Blood", "Chemistry"),
        new(Analyte.Egfr, false, 50920, "Estimated GFR (CKD-EPI 2021)", "98979-8", "Glomerular filtration rate/1.73 sq M.predicted by Creatinine-based formula (CKD-EPI 2021)", "mL/min/1.73m2", "mL/min/{1.73_m2}", 0, 60, 200, "Blood", "Chemistry"),
        new(Analyte.Glucose, false, 50931, "Glucose", "2345-7", "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", "mg/dL", 0, 70, 140, "Blood", "Chemistry"),
        new(Analyte.WhiteBloodCells, false, 51301, "White Blood Cells", "6690-2", "Leukocytes [#/volume] in Blood by Automated count", "K/uL", "10*3/uL", 1, 4.0, 11.0, "Blood", "Hematology"),
        new(Analyte.Hemoglobin, false, 51222, "Hemoglobin", "718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", "g/dL", 1, 12.0, 17.5, "Blood", "Hematology"),
        new(Analyte.Platelets, false, 51265, "Platelet Count", "777-3", "Platelets [#/volume] in Blood by Automated count", "K/uL", "10*3/uL", 0, 150, 400, "Blood", "Hematology"),
        new(Analyte.Lactate, false, 50813, "Lactate", "2524-7", "Lactate [Moles/volume] in Serum or Plasma", "mmol/L", "mmol/L", 1, 0.5, 2.0, "Blood", "Blood Gas"),
        new(Analyte.TroponinI, false, 51002, "Troponin I", "10839-9", "Troponin I.cardiac [Mass/volume] in Serum or Plasma", "ng/mL", "ng/mL", 2, 0, 0.04, "Blood", "Chemistry"),
        new(Analyte.Bnp, false, 50963, "B-type Natriuretic Peptide", "30934-4", "Natriuretic peptide B [Mass/volume] in Serum or Plasma", "pg/mL", "pg/mL", 0, 0, 100, "Blood", "Chemistry"),
        new(Analyte.Inr, false, 51237, "INR(PT)", "6301-6", "INR in Platelet poor plasma by Coagulation assay", "", "{INR}", 1, 0.9, 1.1, "Blood", "Hematology"),
        new(Analyte.Bilirubin, false, 50885, "Bilirubin, Total", "1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma", "mg/dL", "mg/dL", 1, 0.0, 1.5, "Blood", "Chemistry"),
        new(Analyte.Albumin, false, 50862, "Albumin", "1751-7", "Albumin [Mass/volume] in Serum or Plasma", "g/dL", "g/dL", 1, 3.5, 5.2, "Blood", "Chemistry"),
        new(Analyte.HbA1c, false, 50852, "% Hemoglobin A1c", "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", "%", 1, 4.0, 5.6, "Blood", "Chemistry"),
        new(Analyte.LdlCholesterol, false, 50905, "Cholesterol, LDL, Calculated", "13457-7", "Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation", "mg/dL", "mg/dL", 0, 0, 130, "Blood", "Chemistry"),
    ];

    public static AnalyteInfo Get(Analyte analyte) => All[(int)analyte];

    public static IEnumerable<AnalyteInfo> VitalSigns => All.Where(a => a.IsVitalSign);

    public static IEnumerable<AnalyteInfo> LabTests => All.Where(a => !a.IsVitalSign);

    /// <summary>The six vital signs, in enum order.</summary>
    public const int VitalSignCount = 6;
}
