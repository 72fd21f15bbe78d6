namespace Galen.Evaluation.Metrics;

/// <summary>Ranking metrics for multi-label outcomes (next-visit diagnoses, drug recommendation).</summary>
public static class MultiLabelRanking
{
    /// <summary>
    /// Macro-averaged AUROC: <see cref="BinaryRanking.Auroc"/> of each label over the samples,
    /// averaged over the labels where both outcomes occur (scikit-learn's
    /// <c>roc_auc_score(average="macro")</c> on those labels). NaN when no label has both.
    /// </summary>
    /// <param name="targets">Samples × labels, row-major, 1 = present.</param>
    /// <param name="scores">Samples × labels, row-major, higher meaning more likely present.</param>
    /// <param name="labels">Labels per sample.</param>
    public static double MacroAuroc(ReadOnlySpan<float> targets, ReadOnlySpan<double> scores, int labels)
    {
        Check(targets.Length, scores.Length, labels);
        int samples = targets.Length / labels;
        var truth = new bool[samples];
        var score = new double[samples];
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < labels; k++)
        {
            for (int i = 0; i < samples; i++)
            {
                truth[i] = targets[(i * labels) + k] >= 0.5f;
                score[i] = scores[(i * labels) + k];
            }

            double auroc = BinaryRanking.Auroc(truth, score);
            if (!double.IsNaN(auroc))
            {
                sum += auroc;
                counted++;
            }
        }

        return counted == 0 ? double.NaN : sum / counted;
    }

    /// <summary>
    /// Recall at k, averaged over samples with at least one present label: the share of a
    /// sample's present labels found among its k highest-scored labels (ties broken by label
    /// order), the usual measure for next-visit diagnosis.
    /// </summary>
    public static double RecallAtK(ReadOnlySpan<float> targets, ReadOnlySpan<double> scores, int labels, int k)
    {
        Check(targets.Length, scores.Length, labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int samples = targets.Length / labels;
        var order = new int[labels];
        var keys = new double[labels];
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < samples; i++)
        {
            int present = 0;
            for (int j = 0; j < labels; j++)
            {
                order[j] = j;
                keys[j] = -scores[(i * labels) + j];
                present += targets[(i * labels) + j] >= 0.5f ? 1 : 0;
            }

            if (present == 0)
            {
                continue;
            }

            Array.Sort(keys, order);
            int found = 0;
            for (int j = 0; j < Math.Min(k, labels); j++)
            {
                found += targets[(i * labels) + order[j]] >= 0.5f ? 1 : 0;
            }

            sum += found / (double)present;
            counted++;
        }

        return counted == 0 ? double.NaN : sum / counted;
    }

    private static void Check(int targets, int scores, int labels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(labels, 1);
        if (targets != scores || targets % labels != 0)
        {
            throw new ArgumentException($"targets ({targets} values) and scores ({scores} values) must both be samples × {labels} labels.", nameof(scores));
        }
    }
}
