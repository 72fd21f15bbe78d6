using System.Globalization;
using Galen.Evaluation.Metrics;

namespace Galen.Evaluation.OperatingPoints;

/// <summary>Chooses decision thresholds from the ROC curve of validation predictions.</summary>
public static class OperatingPointSelector
{
    /// <summary>The threshold maximising Youden's J = sensitivity + specificity − 1 (the first on ties, as <c>argmax</c> picks).</summary>
    public static OperatingPoint Youden(BinaryOutcomes outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var roc = outcomes.Roc();
        int best = 1;
        for (int i = 1; i < roc.Thresholds.Count; i++)
        {
            if (roc.TruePositiveRate[i] - roc.FalsePositiveRate[i] > roc.TruePositiveRate[best] - roc.FalsePositiveRate[best])
            {
                best = i;
            }
        }

        return At(outcomes, roc.Thresholds[best], "Youden");
    }

    /// <summary>The highest threshold whose sensitivity reaches <paramref name="targetSensitivity"/> (so the fewest patients are flagged).</summary>
    public static OperatingPoint ForSensitivity(BinaryOutcomes outcomes, double targetSensitivity)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var roc = outcomes.Roc();
        int chosen = roc.Thresholds.Count - 1;
        for (int i = 1; i < roc.Thresholds.Count; i++)
        {
            if (roc.TruePositiveRate[i] >= targetSensitivity)
            {
                chosen = i;
                break;
            }
        }

        return At(outcomes, roc.Thresholds[chosen], "sensitivity ≥ " + targetSensitivity.ToString("0.00", CultureInfo.InvariantCulture));
    }

    /// <summary>What a given threshold gives.</summary>
    public static OperatingPoint At(BinaryOutcomes outcomes, double threshold, string rule)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var c = outcomes.Confusion(threshold);
        return new OperatingPoint(rule, threshold, c.Recall, c.Specificity, c.Precision, c.NegativePredictiveValue, (c.TruePositives + c.FalsePositives) / c.Total);
    }
}
