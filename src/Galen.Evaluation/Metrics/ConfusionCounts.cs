namespace Galen.Evaluation.Metrics;

/// <summary>
/// A 2 × 2 confusion table (counts may be bootstrap weights). Ratios with a zero denominator
/// are 0, as scikit-learn's <c>zero_division</c> default gives.
/// </summary>
public sealed record ConfusionCounts(double TruePositives, double FalsePositives, double TrueNegatives, double FalseNegatives)
{
    public double Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    public double Accuracy => Ratio(TruePositives + TrueNegatives, Total);

    /// <summary>Sensitivity: true positives among the positives.</summary>
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    /// <summary>True negatives among the negatives.</summary>
    public double Specificity => Ratio(TrueNegatives, TrueNegatives + FalsePositives);

    /// <summary>Positive predictive value: true positives among those called positive.</summary>
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    /// <summary>Negative predictive value.</summary>
    public double NegativePredictiveValue => Ratio(TrueNegatives, TrueNegatives + FalseNegatives);

    /// <summary>Mean of sensitivity and specificity.</summary>
    public double BalancedAccuracy => (Recall + Specificity) / 2;

    public double F1 => Ratio(2 * TruePositives, (2 * TruePositives) + FalsePositives + FalseNegatives);

    private static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;
}
