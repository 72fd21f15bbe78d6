using Galen.Data.Synthetic.Catalog;

namespace Galen.Data.Synthetic.Model;

/// <summary>
/// A chronic lab value that drifts linearly over the years: level(t) = Intercept + Slope·t, t in
/// years since the patient's first admission, observed with Gaussian noise. The prior of
/// (Intercept, Slope) given the patient's covariates is known, so the Bayes-optimal prediction
/// of the next value given earlier ones is exact (see <see cref="Generation.LabTrajectoryModel"/>).
/// </summary>
public sealed record LabTrajectory(Analyte Analyte, double PriorInterceptMean, double PriorInterceptSd, double PriorSlopeMean, double PriorSlopeSd, double NoiseSd, double Intercept, double Slope)
{
    public double LevelAt(double years) => Intercept + (Slope * years);
}

/// <summary>Ground truth for one observation of a trajectory.</summary>
/// <param name="Analyte">HbA1c or eGFR.</param>
/// <param name="Time">CHARTTIME of the observation.</param>
/// <param name="AdmissionOrdinal">Ordinal of the admission it was drawn in (<see cref="SyntheticAdmission.Ordinal"/>), or null for outpatient.</param>
/// <param name="Observed">The value as written.</param>
/// <param name="TrueLevel">The latent level at that time.</param>
/// <param name="ExpectedGivenHistory">Posterior predictive mean given the patient's covariates and all earlier observations of the same trajectory.</param>
/// <param name="SdGivenHistory">Posterior predictive standard deviation (includes the observation noise).</param>
public sealed record TrajectoryPoint(Analyte Analyte, DateTime Time, int? AdmissionOrdinal, double Observed, double TrueLevel, double ExpectedGivenHistory, double SdGivenHistory);
