namespace Galen.Evaluation.Metrics;

/// <summary>Metrics for real-valued targets, as scikit-learn defines them.</summary>
public static class RegressionScores
{
    public static double MeanAbsoluteError(ReadOnlySpan<double> targets, ReadOnlySpan<double> predictions)
    {
        Check(targets, predictions);
        double sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            sum += Math.Abs(targets[i] - predictions[i]);
        }

        return sum / targets.Length;
    }

    public static double RootMeanSquaredError(ReadOnlySpan<double> targets, ReadOnlySpan<double> predictions)
    {
        Check(targets, predictions);
        double sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double d = targets[i] - predictions[i];
            sum += d * d;
        }

        return Math.Sqrt(sum / targets.Length);
    }

    /// <summary>Coefficient of determination, 1 − SS_res / SS_tot (1 for a perfect fit of a constant target, else 0 then).</summary>
    public static double R2(ReadOnlySpan<double> targets, ReadOnlySpan<double> predictions)
    {
        Check(targets, predictions);
        double mean = 0;
        foreach (double t in targets)
        {
            mean += t;
        }

        mean /= targets.Length;
        double residual = 0, total = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            residual += (targets[i] - predictions[i]) * (targets[i] - predictions[i]);
            total += (targets[i] - mean) * (targets[i] - mean);
        }

        if (total == 0)
        {
            return residual == 0 ? 1 : 0;
        }

        return 1 - (residual / total);
    }

    private static void Check(ReadOnlySpan<double> targets, ReadOnlySpan<double> predictions)
    {
        if (targets.Length != predictions.Length || targets.Length == 0)
        {
            throw new ArgumentException($"{targets.Length} targets and {predictions.Length} predictions: need the same, non-zero count.", nameof(predictions));
        }
    }
}
