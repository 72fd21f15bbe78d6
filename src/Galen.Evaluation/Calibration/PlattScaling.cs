namespace Galen.Evaluation.Calibration;

/// <summary>Platt's sigmoid: p = σ(A·s + B), with s the score or (<see cref="OnLogit"/>) the logit of a probability.</summary>
public sealed record PlattCalibration(double A, double B, bool OnLogit) : IProbabilityCalibration
{
    public string Method => "Platt";

    public double Apply(double score) => CalibrationExtensions.Sigmoid((A * (OnLogit ? CalibrationExtensions.Logit(score) : score)) + B);
}

/// <summary>
/// Fits Platt scaling by Newton's method on Platt's smoothed targets ((N₊ + 1)/(N₊ + 2) and
/// 1/(N₋ + 2)), the same objective scikit-learn's <c>CalibratedClassifierCV(method="sigmoid")</c>
/// minimises.
/// </summary>
/// <param name="onLogit">Fit on logit(p) rather than the raw value (use for probabilities).</param>
public sealed class PlattScaling(bool onLogit = true) : IProbabilityCalibrator
{
    /// <summary>Whether the sigmoid is fitted on logit(p) rather than the raw score.</summary>
    public bool OnLogit { get; } = onLogit;

    public string Method => "Platt";

    public IProbabilityCalibration Fit(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length || scores.Length == 0)
        {
            throw new ArgumentException("Platt scaling needs one label per score, and at least one score.", nameof(labels));
        }

        int n = scores.Length;
        var f = new double[n];
        var t = new double[n];
        double positives = 0;
        foreach (bool l in labels)
        {
            positives += l ? 1 : 0;
        }

        double negatives = n - positives;
        double hiTarget = (positives + 1) / (positives + 2);
        double loTarget = 1 / (negatives + 2);
        for (int i = 0; i < n; i++)
        {
            f[i] = OnLogit ? CalibrationExtensions.Logit(scores[i]) : scores[i];
            t[i] = labels[i] ? hiTarget : loTarget;
        }

        double a = 0, b = Math.Log((positives + 1) / (negatives + 1));
        double objective = Objective(f, t, a, b);
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double g1 = 0, g2 = 0, h11 = 1e-12, h22 = 1e-12, h21 = 0;
            for (int i = 0; i < n; i++)
            {
                double p = CalibrationExtensions.Sigmoid((a * f[i]) + b);
                double d1 = p - t[i];
                double d2 = p * (1 - p);
                g1 += f[i] * d1;
                g2 += d1;
                h11 += f[i] * f[i] * d2;
                h22 += d2;
                h21 += f[i] * d2;
            }

            if (Math.Abs(g1) < 1e-11 && Math.Abs(g2) < 1e-11)
            {
                break;
            }

            double det = (h11 * h22) - (h21 * h21);
            double da = -((h22 * g1) - (h21 * g2)) / det;
            double db = -((-h21 * g1) + (h11 * g2)) / det;
            double step = 1;
            while (step > 1e-10)
            {
                double candidate = Objective(f, t, a + (step * da), b + (step * db));
                if (candidate <= objective + (1e-4 * step * ((g1 * da) + (g2 * db))))
                {
                    a += step * da;
                    b += step * db;
                    objective = candidate;
                    break;
                }

                step /= 2;
            }

            if (step <= 1e-10)
            {
                break;
            }
        }

        return new PlattCalibration(a, b, OnLogit);
    }

    private static double Objective(double[] f, double[] t, double a, double b)
    {
        double sum = 0;
        for (int i = 0; i < f.Length; i++)
        {
            double z = (a * f[i]) + b;

            // −[t log σ(z) + (1 − t) log(1 − σ(z))], written to stay finite for large |z|.
            sum += (z >= 0 ? Math.Log(1 + Math.Exp(-z)) + ((1 - t[i]) * z) : Math.Log(1 + Math.Exp(z)) - (t[i] * z));
        }

        return sum;
    }
}
