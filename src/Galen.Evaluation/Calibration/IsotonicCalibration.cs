namespace Galen.Evaluation.Calibration;

/// <summary>
/// A non-decreasing step-then-linear map fitted by isotonic regression: linear interpolation
/// between the fitted points, clipped at both ends (scikit-learn's
/// <c>IsotonicRegression(out_of_bounds="clip")</c>).
/// </summary>
/// <param name="Scores">Distinct fitted scores, ascending.</param>
/// <param name="Probabilities">Fitted probability at each score, non-decreasing.</param>
public sealed record IsotonicCalibration(IReadOnlyList<double> Scores, IReadOnlyList<double> Probabilities) : IProbabilityCalibration
{
    public string Method => "isotonic";

    public double Apply(double score)
    {
        int n = Scores.Count;
        if (score <= Scores[0])
        {
            return Probabilities[0];
        }

        if (score >= Scores[n - 1])
        {
            return Probabilities[n - 1];
        }

        int hi = 1;
        int lo = 0, top = n - 1;
        while (lo < top)
        {
            int mid = (lo + top) / 2;
            if (Scores[mid] < score)
            {
                lo = mid + 1;
            }
            else
            {
                top = mid;
            }
        }

        hi = lo;
        if (Scores[hi] == score)
        {
            return Probabilities[hi];
        }

        double x0 = Scores[hi - 1], x1 = Scores[hi];
        double y0 = Probabilities[hi - 1], y1 = Probabilities[hi];
        return y0 + ((score - x0) * (y1 - y0) / (x1 - x0));
    }
}

/// <summary>Fits isotonic regression by pool-adjacent-violators over tie-averaged scores.</summary>
public sealed class IsotonicCalibrator : IProbabilityCalibrator
{
    public string Method => "isotonic";

    public IProbabilityCalibration Fit(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length || scores.Length == 0)
        {
            throw new ArgumentException("Isotonic calibration needs one label per score, and at least one score.", nameof(labels));
        }

        var order = Enumerable.Range(0, scores.Length).ToArray();
        var keys = scores.ToArray();
        Array.Sort(keys, order);

        // Tied scores become one point with the mean outcome and their count as weight.
        var x = new List<double>();
        var y = new List<double>();
        var w = new List<double>();
        for (int k = 0; k < keys.Length;)
        {
            int end = k;
            double sum = 0;
            while (end < keys.Length && keys[end] == keys[k])
            {
                sum += labels[order[end]] ? 1 : 0;
                end++;
            }

            x.Add(keys[k]);
            y.Add(sum / (end - k));
            w.Add(end - k);
            k = end;
        }

        // Pool adjacent violators: blocks of (value, weight, length).
        var value = new List<double>();
        var weight = new List<double>();
        var length = new List<int>();
        for (int i = 0; i < y.Count; i++)
        {
            value.Add(y[i]);
            weight.Add(w[i]);
            length.Add(1);
            while (value.Count > 1 && value[^2] > value[^1])
            {
                double total = weight[^2] + weight[^1];
                double merged = ((value[^2] * weight[^2]) + (value[^1] * weight[^1])) / total;
                int merges = length[^2] + length[^1];
                value.RemoveAt(value.Count - 1);
                weight.RemoveAt(weight.Count - 1);
                length.RemoveAt(length.Count - 1);
                value[^1] = merged;
                weight[^1] = total;
                length[^1] = merges;
            }
        }

        var fitted = new double[x.Count];
        int at = 0;
        for (int b = 0; b < value.Count; b++)
        {
            for (int j = 0; j < length[b]; j++)
            {
                fitted[at++] = Math.Clamp(value[b], 0, 1);
            }
        }

        return new IsotonicCalibration(x, fitted);
    }
}
