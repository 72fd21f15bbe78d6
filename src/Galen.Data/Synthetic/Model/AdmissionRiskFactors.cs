using Galen.Data.Synthetic.Catalog;

namespace Galen.Data.Synthetic.Model;

/// <summary>
/// What the record of an admission shows by the end of its first 24 hours: the inputs of the
/// in-hospital mortality and length-of-stay model (<see cref="Generation.OutcomeModel"/>).
/// Every field can be recomputed from the written files; aggregates are over results with
/// ADMITTIME ≤ CHARTTIME &lt; ADMITTIME + 24 h and are null when nothing was measured.
/// </summary>
public sealed record AdmissionRiskFactors
{
    /// <summary>Completed years of age at ADMITTIME (from DOB).</summary>
    public required int Age { get; init; }

    /// <summary>Chronic conditions coded (DIAGNOSES_ICD) on this admission.</summary>
    public required ChronicCondition Conditions { get; init; }

    /// <summary>The principal diagnosis (DIAGNOSES_ICD SEQ_NUM 1).</summary>
    public required AdmissionReason Reason { get; init; }

    /// <summary>Admissions of the same patient that began in the 365 days before ADMITTIME.</summary>
    public required int PriorAdmissions365 { get; init; }

    /// <summary>ICU stay beginning in the first 24 h (ICUSTAYS.INTIME).</summary>
    public required bool Icu { get; init; }

    /// <summary>Endotracheal intubation (ICD-10-PCS 0BH17EZ) in the first 24 h.</summary>
    public required bool Intubated { get; init; }

    public double? SystolicMin { get; init; }

    public double? HeartRateMax { get; init; }

    public double? OxygenSaturationMin { get; init; }

    public double? RespiratoryRateMax { get; init; }

    public double? TemperatureMin { get; init; }

    public double? LactateMax { get; init; }

    public double? CreatinineMax { get; init; }

    public double? WhiteCellsMax { get; init; }

    public double? WhiteCellsMin { get; init; }

    public double? SodiumMin { get; init; }

    public double? SodiumMax { get; init; }
}

/// <summary>
/// What the record shows at discharge: the inputs of the 30-day readmission model. "Last" values
/// are the last result with CHARTTIME ≤ DISCHTIME, null when never measured in the stay.
/// </summary>
public sealed record ReadmissionRiskFactors
{
    public required int Age { get; init; }

    public required ChronicCondition Conditions { get; init; }

    public required AdmissionReason Reason { get; init; }

    public required int PriorAdmissions365 { get; init; }

    /// <summary>(DISCHTIME − ADMITTIME) in days.</summary>
    public required double LengthOfStayDays { get; init; }

    /// <summary>Discharged to a skilled nursing facility or rehabilitation.</summary>
    public required bool DischargedToFacility { get; init; }

    /// <summary>INSURANCE is Medicaid.</summary>
    public required bool Medicaid { get; init; }

    public double? LastHemoglobin { get; init; }

    public double? LastSodium { get; init; }

    public double? LastCreatinine { get; init; }
}
