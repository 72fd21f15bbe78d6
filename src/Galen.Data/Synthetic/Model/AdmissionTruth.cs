namespace Galen.Data.Synthetic.Model;

/// <summary>
/// The generator's ground truth for one admission: the true probabilities of each outcome
/// given what the record shows (so the Bayes-optimal AUROC can be computed), and what was drawn.
/// </summary>
public sealed record AdmissionTruth
{
    /// <summary>Latent acute severity (never written to patient data).</summary>
    public required double Severity { get; init; }

    public required AdmissionRiskFactors RiskFactors { get; init; }

    /// <summary>P(death before discharge | first 24 h).</summary>
    public required double InHospitalDeathProbability { get; init; }

    /// <summary>P(death before discharge | first 24 h, still in hospital at 48 h): the truth for
    /// cohorts that require a stay of at least 48 hours.</summary>
    public required double InHospitalDeathProbabilityGiven48h { get; init; }

    /// <summary>E[length of stay in days | first 24 h].</summary>
    public required double ExpectedLengthOfStayDays { get; init; }

    /// <summary>P(length of stay &gt; 7 days | first 24 h).</summary>
    public required double LongStayProbability { get; init; }

    /// <summary>Risk factors at discharge; null when the patient died.</summary>
    public ReadmissionRiskFactors? ReadmissionFactors { get; init; }

    /// <summary>P(next admission within 30 days of discharge | discharge); null when the patient died.</summary>
    public double? ReadmissionProbability { get; init; }

    public required bool Died { get; init; }

    /// <summary>Drawn: readmitted within 30 days; null when the patient died.</summary>
    public bool? Readmitted30Days { get; init; }
}
