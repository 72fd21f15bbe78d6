namespace Galen.Evaluation.Metrics;

/// <summary>Threshold-free ranking metrics for binary outcomes, one call each.</summary>
public static class BinaryRanking
{
    /// <summary>
    /// Area under the ROC curve: the probability that a random positive scores above a random
    /// negative, ties counting one half (Mann–Whitney U). Equals scikit-learn's
    /// <c>roc_auc_score</c>. Returns NaN when only one class is present.
    /// </summary>
    /// <param name="labels">True outcomes (true = positive).</param>
    /// <param name="scores">Scores, higher meaning more likely positive.</param>
    public static double Auroc(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores) =>
        new BinaryOutcomes(labels, scores).Auroc();

    /// <summary>Average precision (area under the precision–recall curve), as scikit-learn's <c>average_precision_score</c>.</summary>
    public static double AveragePrecision(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores) =>
        new BinaryOutcomes(labels, scores).AveragePrecision();
}
