namespace Galen.Evaluation.Metrics;

/// <summary>Threshold-free ranking metrics for binary outcomes.</summary>
public static class BinaryRanking
{
    /// <summary>
    /// Area under the ROC curve: the probability that a random positive scores above a random
    /// negative, ties counting one half (Mann–Whitney U). Equals scikit-learn's
    /// <c>roc_auc_score</c>. Returns NaN when only one class is present.
    /// </summary>
    /// <param name="labels">True outcomes (true = positive).</param>
    /// <param name="scores">Scores, higher meaning more likely positive.</param>
    public static double Auroc(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        if (labels.Length != scores.Length)
        {
            throw new ArgumentException($"labels has {labels.Length} entries but scores has {scores.Length}.", nameof(scores));
        }

        int n = labels.Length;
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var keys = scores.ToArray();
        Array.Sort(keys, order);

        // Sum of the (average, 1-based) ranks of the positives.
        double positiveRankSum = 0;
        long positives = 0;
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            while (end < n && keys[end] == keys[start])
            {
                end++;
            }

            double averageRank = (start + 1 + end) / 2.0;
            for (int k = start; k < end; k++)
            {
                if (labels[order[k]])
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }

            start = end;
        }

        long negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }
}
