namespace Galen.Evaluation.Metrics;

/// <summary>
/// Metrics for one-of-K outcomes. Probabilities are row-major, K per sample; the predicted class
/// is the most probable one (the first on ties). Averages follow scikit-learn: macro over the
/// classes seen in the truth or the predictions, micro over all samples, weighted by support.
/// </summary>
public static class MulticlassScores
{
    public static double Accuracy(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classes)
    {
        var predicted = Predict(probabilities, classes);
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            correct += labels[i] == predicted[i] ? 1 : 0;
        }

        return correct / (double)labels.Length;
    }

    /// <summary>Mean recall over the classes present in the truth.</summary>
    public static double BalancedAccuracy(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classes)
    {
        var table = Table(labels, probabilities, classes);
        double sum = 0;
        int present = 0;
        for (int k = 0; k < classes; k++)
        {
            if (table.Support[k] > 0)
            {
                sum += table.TruePositives[k] / (double)table.Support[k];
                present++;
            }
        }

        return sum / present;
    }

    /// <summary>Precision, recall and F1 averaged as <paramref name="average"/> says.</summary>
    public static (double Precision, double Recall, double F1) PrecisionRecallF1(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classes, Averaging average)
    {
        var table = Table(labels, probabilities, classes);
        if (average == Averaging.Micro)
        {
            double tp = table.TruePositives.Sum();
            double precision = tp / table.Predicted.Sum();
            double recall = tp / table.Support.Sum();
            return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
        }

        double p = 0, r = 0, f = 0, weightSum = 0;
        for (int k = 0; k < classes; k++)
        {
            if (table.Support[k] == 0 && table.Predicted[k] == 0)
            {
                continue;
            }

            double weight = average == Averaging.Weighted ? table.Support[k] : 1;
            double pk = table.Predicted[k] == 0 ? 0 : table.TruePositives[k] / (double)table.Predicted[k];
            double rk = table.Support[k] == 0 ? 0 : table.TruePositives[k] / (double)table.Support[k];
            double fk = pk + rk == 0 ? 0 : 2 * pk * rk / (pk + rk);
            p += weight * pk;
            r += weight * rk;
            f += weight * fk;
            weightSum += weight;
        }

        return (p / weightSum, r / weightSum, f / weightSum);
    }

    /// <summary>Cross-entropy; rows are clipped to [ε, 1 − ε] and renormalised, as scikit-learn's <c>log_loss</c> does.</summary>
    public static double LogLoss(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classes)
    {
        const double eps = 2.220446049250313e-16;
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            double rowSum = 0;
            foreach (double v in row)
            {
                rowSum += Math.Clamp(v, eps, 1 - eps);
            }

            sum -= Math.Log(Math.Clamp(row[labels[i]], eps, 1 - eps) / rowSum);
        }

        return sum / labels.Length;
    }

    /// <summary>One-vs-rest AUROC averaged over classes (scikit-learn's <c>multi_class="ovr", average="macro"</c>).</summary>
    public static double MacroAuroc(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classes)
    {
        var isClass = new bool[labels.Length];
        var column = new double[labels.Length];
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < classes; k++)
        {
            for (int i = 0; i < labels.Length; i++)
            {
                isClass[i] = labels[i] == k;
                column[i] = probabilities[(i * classes) + k];
            }

            double auc = BinaryRanking.Auroc(isClass, column);
            if (!double.IsNaN(auc))
            {
                sum += auc;
                counted++;
            }
        }

        return counted == 0 ? double.NaN : sum / counted;
    }

    /// <summary>The most probable class of each row (the first on ties).</summary>
    public static int[] Predict(ReadOnlySpan<double> probabilities, int classes)
    {
        int rows = probabilities.Length / classes;
        var predicted = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            int best = 0;
            for (int k = 1; k < classes; k++)
            {
                if (row[k] > row[best])
                {
                    best = k;
                }
            }

            predicted[i] = best;
        }

        return predicted;
    }

    private static (int[] TruePositives, int[] Predicted, int[] Support) Table(ReadOnlySpan<int> labels, ReadOnlySpan<double> probabilities, int classes)
    {
        if (probabilities.Length != labels.Length * classes)
        {
            throw new ArgumentException($"{probabilities.Length} probabilities for {labels.Length} samples of {classes} classes.", nameof(probabilities));
        }

        var predicted = Predict(probabilities, classes);
        var tp = new int[classes];
        var called = new int[classes];
        var support = new int[classes];
        for (int i = 0; i < labels.Length; i++)
        {
            support[labels[i]]++;
            called[predicted[i]]++;
            if (labels[i] == predicted[i])
            {
                tp[labels[i]]++;
            }
        }

        return (tp, called, support);
    }
}

/// <summary>How per-class results are combined.</summary>
public enum Averaging
{
    /// <summary>Unweighted mean over classes.</summary>
    Macro,

    /// <summary>Pool every decision, then compute once.</summary>
    Micro,

    /// <summary>Mean over classes weighted by their support.</summary>
    Weighted,
}
