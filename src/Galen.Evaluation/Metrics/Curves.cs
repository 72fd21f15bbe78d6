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

/// <summary>One bin of a reliability (calibration) curve.</summary>
/// <param name="Lower">Lower edge of the bin.</param>
/// <param name="Upper">Upper edge of the bin.</param>
/// <param name="Count">Samples (or bootstrap weight) in the bin.</param>
/// <param name="ObservedRate">Fraction of positive outcomes in the bin.</param>
/// <param name="MeanPredicted">Mean predicted probability in the bin.</param>
public sealed record ReliabilityBin(double Lower, double Upper, double Count, double ObservedRate, double MeanPredicted);
