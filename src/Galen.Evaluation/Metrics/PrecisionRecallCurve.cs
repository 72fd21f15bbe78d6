namespace Galen.Evaluation.Metrics;

/// <summary>Precision–recall curve points, in scikit-learn's order (recall decreasing).</summary>
public sealed record PrecisionRecallCurve(IReadOnlyList<double> Precision, IReadOnlyList<double> Recall, IReadOnlyList<double> Thresholds)
{
    /// <summary>The highest precision reached at recall ≥ <paramref name="recall"/> (interpolated precision).</summary>
    public double PrecisionAt(double recall)
    {
        double best = 0;
        for (int i = 0; i < Recall.Count; i++)
        {
            if (Recall[i] >= recall - 1e-12)
            {
                best = Math.Max(best, Precision[i]);
            }
        }

        return best;
    }
}
