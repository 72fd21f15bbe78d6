using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Synthetic.Generation;

/// <summary>
/// Chronic lab trajectories (HbA1c in diabetes, eGFR in everyone): a per-patient line whose
/// intercept and slope are drawn from a Gaussian prior that depends only on recorded covariates,
/// observed with Gaussian noise. Because the model is linear-Gaussian, the Bayes-optimal
/// prediction of the next observation given the earlier ones is a closed-form posterior
/// predictive (Bayesian linear regression with known prior and noise).
/// </summary>
public static class LabTrajectoryModel
{
    /// <summary>HbA1c observation noise (%).</summary>
    public const double HbA1cNoiseSd = 0.3;

    /// <summary>eGFR observation noise (mL/min/1.73 m²).</summary>
    public const double EgfrNoiseSd = 4.0;

    /// <summary>The HbA1c prior for a patient with diabetes.</summary>
    /// <param name="insulin">Treated with insulin.</param>
    /// <param name="obese">BMI ≥ 30.</param>
    /// <param name="age">Age at the first admission.</param>
    public static (double InterceptMean, double InterceptSd, double SlopeMean, double SlopeSd) HbA1cPrior(bool insulin, bool obese, int age) =>
        (7.3 + (insulin ? 0.8 : 0) + (obese ? 0.3 : 0), 0.9, 0.10 + (obese ? 0.05 : 0) - (age >= 75 ? 0.10 : 0), 0.25);

    /// <summary>The eGFR prior (level at the first admission, change per year).</summary>
    public static (double InterceptMean, double InterceptSd, double SlopeMean, double SlopeSd) EgfrPrior(int age, bool diabetes, bool hypertension, bool heartFailure)
    {
        double level = 100 - (0.75 * Math.Max(0, age - 40)) - (diabetes ? 10 : 0) - (hypertension ? 6 : 0) - (heartFailure ? 8 : 0);
        double slope = -1.0 - (diabetes ? 1.5 : 0) - (hypertension ? 0.5 : 0) - (level < 60 ? 1.0 : 0);
        return (level, 15, slope, 1.5);
    }

    /// <summary>Draws a patient's trajectory from its prior.</summary>
    internal static LabTrajectory Draw(Analyte analyte, (double InterceptMean, double InterceptSd, double SlopeMean, double SlopeSd) prior, double noiseSd, Random rng) =>
        new(analyte, prior.InterceptMean, prior.InterceptSd, prior.SlopeMean, prior.SlopeSd, noiseSd,
            rng.Normal(prior.InterceptMean, prior.InterceptSd), rng.Normal(prior.SlopeMean, prior.SlopeSd));

    /// <summary>
    /// Posterior predictive mean and standard deviation of an observation at
    /// <paramref name="years"/>, given earlier observations (years, value) of the same trajectory.
    /// </summary>
    public static (double Mean, double Sd) Predict(LabTrajectory trajectory, IReadOnlyList<(double Years, double Value)> history, double years)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(history);
        double noisePrecision = 1 / (trajectory.NoiseSd * trajectory.NoiseSd);

        // Posterior precision P = P0 + X'X/σ² and P·μ = P0·m + X'y/σ², with X rows (1, t).
        double p00 = 1 / (trajectory.PriorInterceptSd * trajectory.PriorInterceptSd);
        double p11 = 1 / (trajectory.PriorSlopeSd * trajectory.PriorSlopeSd);
        double p01 = 0;
        double b0 = p00 * trajectory.PriorInterceptMean;
        double b1 = p11 * trajectory.PriorSlopeMean;
        foreach (var (t, y) in history)
        {
            p00 += noisePrecision;
            p01 += noisePrecision * t;
            p11 += noisePrecision * t * t;
            b0 += noisePrecision * y;
            b1 += noisePrecision * t * y;
        }

        double det = (p00 * p11) - (p01 * p01);
        double c00 = p11 / det;
        double c01 = -p01 / det;
        double c11 = p00 / det;
        double mean0 = (c00 * b0) + (c01 * b1);
        double mean1 = (c01 * b0) + (c11 * b1);
        double variance = (trajectory.NoiseSd * trajectory.NoiseSd) + c00 + (2 * years * c01) + (years * years * c11);
        return (mean0 + (mean1 * years), Math.Sqrt(variance));
    }
}
