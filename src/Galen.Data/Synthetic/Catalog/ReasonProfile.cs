using Galen.Core.Clinical;

namespace Galen.Data.Synthetic.Catalog;

/// <summary>An acute change an admission reason makes to one analyte at severity s.</summary>
/// <param name="Analyte">What changes.</param>
/// <param name="Fixed">Change present at any severity.</param>
/// <param name="PerSeverity">Change per unit of severity.</param>
/// <remarks>Creatinine, lactate, troponin and BNP change on the log scale (value × e^shift);
/// every other analyte changes additively.</remarks>
public sealed record PhysiologyShift(Analyte Analyte, double Fixed, double PerSeverity);

/// <summary>A drug given for a reason or condition with a probability.</summary>
public sealed record Indication(string DrugKey, double Probability);

/// <summary>A symptom of a reason and how often notes report it.</summary>
public sealed record SymptomFrequency(Symptom Symptom, double Probability);

/// <summary>
/// Everything the generator knows about one admission reason: its codes, how it looks
/// (symptoms, physiology), how it is treated, and its direct effects in the outcome model.
/// </summary>
public sealed record ReasonProfile
{
    public required AdmissionReason Reason { get; init; }

    /// <summary>Snake-case key used in ground truth and phrase sections.</summary>
    public required string Key { get; init; }

    /// <summary>How notes name it.</summary>
    public required string Name { get; init; }

    /// <summary>Principal ICD-10-CM codes; where there are two they are right/left or systolic/diastolic variants.</summary>
    public required IReadOnlyList<ClinicalCode> Codes { get; init; }

    /// <summary>EMERGENCY, URGENT or ELECTIVE.</summary>
    public required string AdmissionType { get; init; }

    /// <summary>Hospital service: MED, CMED, NMED, ORTHO, SURG.</summary>
    public required string Service { get; init; }

    /// <summary>Median of the log-normal acute severity.</summary>
    public required double SeverityMedian { get; init; }

    /// <summary>Added to the ICU-admission logit.</summary>
    public required double IcuBias { get; init; }

    /// <summary>Added to the intubation logit (ICU patients only).</summary>
    public required double AirwayBias { get; init; }

    /// <summary>Direct term in the in-hospital mortality logit.</summary>
    public required double MortalityEffect { get; init; }

    /// <summary>Direct term in the log length-of-stay of survivors.</summary>
    public required double LengthOfStayEffect { get; init; }

    /// <summary>Direct term in the 30-day readmission logit.</summary>
    public required double ReadmissionEffect { get; init; }

    public required IReadOnlyList<PhysiologyShift> Shifts { get; init; }

    public required IReadOnlyList<SymptomFrequency> Symptoms { get; init; }

    public required IReadOnlyList<Indication> Treatments { get; init; }
}
