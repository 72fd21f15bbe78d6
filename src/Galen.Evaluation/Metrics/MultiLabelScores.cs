namespace Galen.Evaluation.Metrics;

/// <summary>
/// Metrics for any-of-K outcomes. Targets are 0/1 and probabilities row-major, K per sample; a
/// label is predicted when its probability ≥ the threshold. Definitions follow scikit-learn with
/// <c>zero_division=0</c>.
/// </summary>
public static class MultiLabelScores
{
    /// <summary>Mean over samples of |true ∩ predicted| / |true ∪ predicted| (0 when both are empty).</summary>
    public static double JaccardSamples(ReadOnlySpan<float> targets, ReadOnlySpan<double> probabilities, int labels, double threshold = 0.5)
    {
        int rows = Rows(targets, probabilities, labels);
        double sum = 0;
        for (int i = 0; i < rows; i++)
        {
            int both = 0, either = 0;
            for (int k = 0; k < labels; k++)
            {
                bool t = targets[(i * labels) + k] >= 0.5f;
                bool p = probabilities[(i * labels) + k] >= threshold;
                both += t && p ? 1 : 0;
                either += t || p ? 1 : 0;
            }

            sum += either == 0 ? 0 : both / (double)either;
        }

        return sum / rows;
    }

    /// <summary>Precision, recall and F1 pooled over every (sample, label) decision.</summary>
    public static (double Precision, double Recall, double F1) Micro(ReadOnlySpan<float> targets, ReadOnlySpan<double> probabilities, int labels, double threshold = 0.5)
    {
        Rows(targets, probabilities, labels);
        double tp = 0, fp = 0, fn = 0;
        for (int j = 0; j < targets.Length; j++)
        {
            bool t = targets[j] >= 0.5f;
            bool p = probabilities[j] >= threshold;
            tp += t && p ? 1 : 0;
            fp += !t && p ? 1 : 0;
            fn += t && !p ? 1 : 0;
        }

        double precision = tp + fp == 0 ? 0 : tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : tp / (tp + fn);
        double f1 = (2 * tp) + fp + fn == 0 ? 0 : 2 * tp / ((2 * tp) + fp + fn);
        return (precision, recall, f1);
    }

    /// <summary>F1 per label, averaged over all labels.</summary>
    public static double MacroF1(ReadOnlySpan<float> targets, ReadOnlySpan<double> probabilities, int labels, double threshold = 0.5)
    {
        int rows = Rows(targets, probabilities, labels);
        double sum = 0;
        for (int k = 0; k < labels; k++)
        {
            double tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < rows; i++)
            {
                bool t = targets[(i * labels) + k] >= 0.5f;
                bool p = probabilities[(i * labels) + k] >= threshold;
                tp += t && p ? 1 : 0;
                fp += !t && p ? 1 : 0;
                fn += t && !p ? 1 : 0;
            }

            sum += (2 * tp) + fp + fn == 0 ? 0 : 2 * tp / ((2 * tp) + fp + fn);
        }

        return sum / labels;
    }

    /// <summary>Fraction of (sample, label) decisions that are wrong.</summary>
    public static double HammingLoss(ReadOnlySpan<float> targets, ReadOnlySpan<double> probabilities, int labels, double threshold = 0.5)
    {
        Rows(targets, probabilities, labels);
        int wrong = 0;
        for (int j = 0; j < targets.Length; j++)
        {
            wrong += (targets[j] >= 0.5f) != (probabilities[j] >= threshold) ? 1 : 0;
        }

        return wrong / (double)targets.Length;
    }

    /// <summary>
    /// Sample-averaged PR-AUC: the average precision of each sample's label ranking, averaged over
    /// samples (scikit-learn's <c>average_precision_score(average="samples")</c>). Samples with no
    /// true label have no defined average precision and are left out (scikit-learn 1.2 returns NaN).
    /// </summary>
    public static double SamplesAveragePrecision(ReadOnlySpan<float> targets, ReadOnlySpan<double> probabilities, int labels)
    {
        int rows = Rows(targets, probabilities, labels);
        var truth = new bool[labels];
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int k = 0; k < labels; k++)
            {
                truth[k] = targets[(i * labels) + k] >= 0.5f;
            }

            double ap = BinaryRanking.AveragePrecision(truth, probabilities.Slice(i * labels, labels));
            if (!double.IsNaN(ap))
            {
                sum += ap;
                counted++;
            }
        }

        return counted == 0 ? double.NaN : sum / counted;
    }

    /// <summary>AUROC per label, averaged over the labels that have both outcomes.</summary>
    public static double MacroAuroc(ReadOnlySpan<float> targets, ReadOnlySpan<double> probabilities, int labels)
    {
        int rows = Rows(targets, probabilities, labels);
        var truth = new bool[rows];
        var column = new double[rows];
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < labels; k++)
        {
            for (int i = 0; i < rows; i++)
            {
                truth[i] = targets[(i * labels) + k] >= 0.5f;
                column[i] = probabilities[(i * labels) + k];
            }

            double auc = BinaryRanking.Auroc(truth, column);
            if (!double.IsNaN(auc))
            {
                sum += auc;
                counted++;
            }
        }

        return counted == 0 ? double.NaN : sum / counted;
    }

    private static int Rows(ReadOnlySpan<float> targets, ReadOnlySpan<double> probabilities, int labels)
    {
        if (targets.Length != probabilities.Length || labels <= 0 || targets.Length % labels != 0)
        {
            throw new ArgumentException($"{targets.Length} targets and {probabilities.Length} probabilities do not form rows of {labels} labels.", nameof(probabilities));
        }

        return targets.Length / labels;
    }
}
