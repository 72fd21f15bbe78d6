namespace Galen.Evaluation.Calibration;

/// <summary>
/// Temperature scaling: probabilities become softmax(log p / T). One parameter, so it cannot
/// change the ranking; T &gt; 1 softens over-confident models, T &lt; 1 sharpens timid ones.
/// </summary>
public sealed record TemperatureCalibration(double Temperature) : IProbabilityCalibration
{
    public string Method => "temperature";

    /// <summary>Binary: σ(logit(p) / T).</summary>
    public double Apply(double score) => CalibrationExtensions.Sigmoid(CalibrationExtensions.Logit(score) / Temperature);

    /// <summary>Multiclass: rescales each row of K probabilities.</summary>
    public double[] ApplyMulticlass(ReadOnlySpan<double> probabilities, int classes)
    {
        var result = new double[probabilities.Length];
        TemperatureScaling.Scale(probabilities, classes, 1 / Temperature, result);
        return result;
    }
}

/// <summary>Fits the temperature that minimises log loss, by golden-section search over 1/T (the loss is convex in it).</summary>
public sealed class TemperatureScaling : IProbabilityCalibrator
{
    public string Method => "temperature";

    public IProbabilityCalibration Fit(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        var probabilities = new double[scores.Length * 2];
        var classes = new int[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            probabilities[2 * i] = 1 - scores[i];
            probabilities[(2 * i) + 1] = scores[i];
            classes[i] = labels[i] ? 1 : 0;
        }

        return FitMulticlass(probabilities, classes, 2);
    }

    /// <summary>Fits on K-class probabilities and true class indices.</summary>
    public static TemperatureCalibration FitMulticlass(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, int classes)
    {
        var p = probabilities.ToArray();
        var y = labels.ToArray();
        var buffer = new double[p.Length];
        double Loss(double inverse)
        {
            Scale(p, classes, inverse, buffer);
            double sum = 0;
            for (int i = 0; i < y.Length; i++)
            {
                sum -= Math.Log(Math.Max(buffer[(i * classes) + y[i]], 1e-300));
            }

            return sum;
        }

        double lo = 0.01, hi = 20;
        double ratio = (Math.Sqrt(5) - 1) / 2;
        double c = hi - (ratio * (hi - lo)), d = lo + (ratio * (hi - lo));
        double fc = Loss(c), fd = Loss(d);
        for (int iteration = 0; iteration < 100 && hi - lo > 1e-9; iteration++)
        {
            if (fc < fd)
            {
                hi = d;
                d = c;
                fd = fc;
                c = hi - (ratio * (hi - lo));
                fc = Loss(c);
            }
            else
            {
                lo = c;
                c = d;
                fc = fd;
                d = lo + (ratio * (hi - lo));
                fd = Loss(d);
            }
        }

        return new TemperatureCalibration(1 / ((lo + hi) / 2));
    }

    internal static void Scale(ReadOnlySpan<double> probabilities, int classes, double inverseTemperature, Span<double> result)
    {
        int rows = probabilities.Length / classes;
        for (int i = 0; i < rows; i++)
        {
            double max = double.NegativeInfinity;
            for (int k = 0; k < classes; k++)
            {
                double z = Math.Log(Math.Max(probabilities[(i * classes) + k], 1e-300)) * inverseTemperature;
                result[(i * classes) + k] = z;
                max = Math.Max(max, z);
            }

            double sum = 0;
            for (int k = 0; k < classes; k++)
            {
                double e = Math.Exp(result[(i * classes) + k] - max);
                result[(i * classes) + k] = e;
                sum += e;
            }

            for (int k = 0; k < classes; k++)
            {
                result[(i * classes) + k] /= sum;
            }
        }
    }
}
