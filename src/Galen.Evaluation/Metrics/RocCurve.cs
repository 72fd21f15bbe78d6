namespace Galen.Evaluation.Metrics;

/// <summary>ROC curve points; <see cref="Thresholds"/>[i] gives (<see cref="FalsePositiveRate"/>[i], <see cref="TruePositiveRate"/>[i]).</summary>
public sealed record RocCurve(IReadOnlyList<double> FalsePositiveRate, IReadOnlyList<double> TruePositiveRate, IReadOnlyList<double> Thresholds)
{
    /// <summary>The highest true-positive rate reached at a false-positive rate ≤ <paramref name="fpr"/> (a step function).</summary>
    public double TruePositiveRateAt(double fpr)
    {
        double best = 0;
        for (int i = 0; i < FalsePositiveRate.Count; i++)
        {
            if (FalsePositiveRate[i] <= fpr + 1e-12)
            {
                best = Math.Max(best, TruePositiveRate[i]);
            }
        }

        return best;
    }
}
