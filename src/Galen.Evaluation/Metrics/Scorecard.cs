using Galen.Core.Learning;

namespace Galen.Evaluation.Metrics;

/// <summary>
/// Every metric that applies to a task's kind, computed from true targets and predictions:
/// binary (ranking, threshold, probability and calibration metrics), multiclass (macro and micro),
/// multi-label (Jaccard, micro and macro F1, sample PR-AUC) and regression (MAE, RMSE, R²).
/// </summary>
public static class Scorecard
{
    /// <summary>Computes the metrics; <paramref name="threshold"/> turns binary and multi-label probabilities into calls.</summary>
    public static IReadOnlyList<MetricValue> Compute(TargetMatrix targets, Predictions predictions, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(predictions);
        if (targets.Rows != predictions.Rows)
        {
            throw new ArgumentException($"{targets.Rows} targets but {predictions.Rows} predictions.", nameof(predictions));
        }

        var schema = targets.Schema;
        return schema.Kind switch
        {
            LabelKind.Binary => Binary(new BinaryOutcomes(targets.AsBinary(), predictions.Values), threshold, default),
            LabelKind.Multiclass => Multiclass(targets, predictions),
            LabelKind.MultiLabel => MultiLabel(targets, predictions, threshold),
            _ => Regression(targets, predictions),
        };
    }

    /// <summary>Binary metrics with optional bootstrap weights.</summary>
    public static IReadOnlyList<MetricValue> Binary(BinaryOutcomes outcomes, double threshold, ReadOnlySpan<int> weights)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var confusion = outcomes.Confusion(threshold, weights);
        return
        [
            new(MetricNames.Auroc, outcomes.Auroc(weights), true),
            new(MetricNames.Auprc, outcomes.AveragePrecision(weights), true),
            new(MetricNames.Accuracy, confusion.Accuracy, true),
            new(MetricNames.BalancedAccuracy, confusion.BalancedAccuracy, true),
            new(MetricNames.Precision, confusion.Precision, true),
            new(MetricNames.Recall, confusion.Recall, true),
            new(MetricNames.Specificity, confusion.Specificity, true),
            new(MetricNames.F1, confusion.F1, true),
            new(MetricNames.LogLoss, outcomes.LogLoss(weights), false),
            new(MetricNames.Brier, outcomes.Brier(weights), false),
            new(MetricNames.Ece, outcomes.ExpectedCalibrationError(10, weights), false),
        ];
    }

    private static IReadOnlyList<MetricValue> Multiclass(TargetMatrix targets, Predictions predictions)
    {
        int k = predictions.Width;
        var labels = ClassIndices(targets);
        var probabilities = predictions.Values;
        var macro = MulticlassScores.PrecisionRecallF1(labels, probabilities, k, Averaging.Macro);
        var micro = MulticlassScores.PrecisionRecallF1(labels, probabilities, k, Averaging.Micro);
        return
        [
            new(MetricNames.MacroAuroc, MulticlassScores.MacroAuroc(labels, probabilities, k), true),
            new(MetricNames.Accuracy, MulticlassScores.Accuracy(labels, probabilities, k), true),
            new(MetricNames.BalancedAccuracy, MulticlassScores.BalancedAccuracy(labels, probabilities, k), true),
            new(MetricNames.MacroPrecision, macro.Precision, true),
            new(MetricNames.MacroRecall, macro.Recall, true),
            new(MetricNames.MacroF1, macro.F1, true),
            new(MetricNames.MicroF1, micro.F1, true),
            new(MetricNames.LogLoss, MulticlassScores.LogLoss(labels, probabilities, k), false),
        ];
    }

    private static IReadOnlyList<MetricValue> MultiLabel(TargetMatrix targets, Predictions predictions, double threshold)
    {
        int k = predictions.Width;
        var t = targets.Values;
        var p = predictions.Values;
        var micro = MultiLabelScores.Micro(t, p, k, threshold);
        return
        [
            new(MetricNames.SamplesAuprc, MultiLabelScores.SamplesAveragePrecision(t, p, k), true),
            new(MetricNames.MacroAuroc, MultiLabelScores.MacroAuroc(t, p, k), true),
            new(MetricNames.Jaccard, MultiLabelScores.JaccardSamples(t, p, k, threshold), true),
            new(MetricNames.MicroPrecision, micro.Precision, true),
            new(MetricNames.MicroRecall, micro.Recall, true),
            new(MetricNames.MicroF1, micro.F1, true),
            new(MetricNames.MacroF1, MultiLabelScores.MacroF1(t, p, k, threshold), true),
            new(MetricNames.HammingLoss, MultiLabelScores.HammingLoss(t, p, k, threshold), false),
        ];
    }

    private static IReadOnlyList<MetricValue> Regression(TargetMatrix targets, Predictions predictions)
    {
        var t = Array.ConvertAll(targets.Values.ToArray(), v => (double)v);
        var p = predictions.Values;
        return
        [
            new(MetricNames.Mae, RegressionScores.MeanAbsoluteError(t, p), false),
            new(MetricNames.Rmse, RegressionScores.RootMeanSquaredError(t, p), false),
            new(MetricNames.R2, RegressionScores.R2(t, p), true),
        ];
    }

    /// <summary>Multiclass targets as class indices.</summary>
    public static int[] ClassIndices(TargetMatrix targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return Array.ConvertAll(targets.Values.ToArray(), v => (int)v);
    }
}
