namespace Galen.Evaluation.Calibration;

/// <summary>A fitted map from a model's probability (or score) to a calibrated probability.</summary>
public interface IProbabilityCalibration
{
    /// <summary>Method name, e.g. "Platt".</summary>
    string Method { get; }

    /// <summary>The calibrated probability of the positive outcome.</summary>
    double Apply(double score);
}

/// <summary>Fits a binary calibration map on held-out predictions.</summary>
public interface IProbabilityCalibrator
{
    string Method { get; }

    IProbabilityCalibration Fit(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels);
}

/// <summary>Applies calibrations to many scores.</summary>
public static class CalibrationExtensions
{
    public static double[] ApplyAll(this IProbabilityCalibration calibration, ReadOnlySpan<double> scores)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var result = new double[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            result[i] = calibration.Apply(scores[i]);
        }

        return result;
    }

    /// <summary>log(p / (1 − p)) with p kept away from 0 and 1.</summary>
    public static double Logit(double p)
    {
        double q = Math.Clamp(p, 1e-12, 1 - 1e-12);
        return Math.Log(q / (1 - q));
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
