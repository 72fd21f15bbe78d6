namespace Galen.Evaluation.Conformal;

/// <summary>
/// Split-conformal prediction sets for K-class (or binary, K = 2) probabilities. With
/// nonconformity 1 − p(true class) on n calibration samples, the threshold q̂ is the
/// ⌈(n + 1)(1 − α)⌉-th smallest score, and the set {k : 1 − p_k ≤ q̂} contains the true class
/// with probability at least 1 − α on exchangeable new samples (Vovk; Angelopoulos and Bates).
/// </summary>
/// <param name="Alpha">Allowed miss rate, e.g. 0.1 for 90% coverage.</param>
/// <param name="Threshold">q̂; +∞ when the calibration set is too small for the promise (every set is then all classes).</param>
/// <param name="Classes">K.</param>
/// <param name="CalibrationSize">n.</param>
public sealed record SplitConformalClassifier(double Alpha, double Threshold, int Classes, int CalibrationSize)
{
    /// <summary>Calibrates on held-out probabilities (row-major, K per sample) and true class indices.</summary>
    public static SplitConformalClassifier Fit(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels, int classes, double alpha)
    {
        if (alpha is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must lie strictly between 0 and 1.");
        }

        if (probabilities.Length != labels.Length * classes || labels.Length == 0)
        {
            throw new ArgumentException($"{probabilities.Length} probabilities for {labels.Length} samples of {classes} classes.", nameof(probabilities));
        }

        int n = labels.Length;
        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            scores[i] = 1 - probabilities[(i * classes) + labels[i]];
        }

        Array.Sort(scores);
        int rank = (int)Math.Ceiling((n + 1) * (1 - alpha));
        double threshold = rank > n ? double.PositiveInfinity : scores[rank - 1];
        return new SplitConformalClassifier(alpha, threshold, classes, n);
    }

    /// <summary>Binary probabilities of the positive class as two-class rows [1 − p, p].</summary>
    public static double[] TwoClass(ReadOnlySpan<double> positiveProbabilities)
    {
        var rows = new double[positiveProbabilities.Length * 2];
        for (int i = 0; i < positiveProbabilities.Length; i++)
        {
            rows[2 * i] = 1 - positiveProbabilities[i];
            rows[(2 * i) + 1] = positiveProbabilities[i];
        }

        return rows;
    }

    /// <summary>The prediction set of one sample: the classes whose nonconformity is within q̂.</summary>
    public IReadOnlyList<int> Set(ReadOnlySpan<double> probabilities)
    {
        var set = new List<int>();
        for (int k = 0; k < Classes; k++)
        {
            if (1 - probabilities[k] <= Threshold)
            {
                set.Add(k);
            }
        }

        return set;
    }

    /// <summary>Fraction of samples whose set holds the true class, and the mean set size.</summary>
    public (double Coverage, double MeanSetSize) Assess(ReadOnlySpan<double> probabilities, ReadOnlySpan<int> labels)
    {
        int covered = 0;
        long size = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            var set = Set(probabilities.Slice(i * Classes, Classes));
            size += set.Count;
            covered += set.Contains(labels[i]) ? 1 : 0;
        }

        return (covered / (double)labels.Length, size / (double)labels.Length);
    }
}
