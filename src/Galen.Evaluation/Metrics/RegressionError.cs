namespace Galen.Evaluation.Metrics;

/// <summary>Error of real-valued predictions, in the target's units.</summary>
public static class RegressionError
{
    /// <summary>Root mean squared error.</summary>
    public static double Rmse(ReadOnlySpan<float> targets, ReadOnlySpan<double> predictions)
    {
        Check(targets.Length, predictions.Length);
        double sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            double error = predictions[i] - targets[i];
            sum += error * error;
        }

        return Math.Sqrt(sum / targets.Length);
    }

    /// <summary>Mean absolute error.</summary>
    public static double Mae(ReadOnlySpan<float> targets, ReadOnlySpan<double> predictions)
    {
        Check(targets.Length, predictions.Length);
        double sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            sum += Math.Abs(predictions[i] - targets[i]);
        }

        return sum / targets.Length;
    }

    private static void Check(int targets, int predictions)
    {
        if (targets != predictions || targets == 0)
        {
            throw new ArgumentException($"targets has {targets} values and predictions {predictions}; both must be equal and non-zero.", nameof(predictions));
        }
    }
}
