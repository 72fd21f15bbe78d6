using Galen.Core.Learning;
using Galen.Evaluation.Metrics;

namespace Galen.Deep.Training;

/// <summary>The metrics the supervised trainer reports on validation data for each target kind.</summary>
public static class ValidationMetrics
{
    /// <summary>Metric names available for a target kind, <see cref="MetricNames.Loss"/> first.</summary>
    public static IReadOnlyList<string> For(LabelKind kind) => kind switch
    {
        LabelKind.Binary => [MetricNames.Loss, MetricNames.Auroc],
        LabelKind.MultiLabel => [MetricNames.Loss, MetricNames.MacroAuroc, MetricNames.RecallAt10],
        LabelKind.Multiclass => [MetricNames.Loss, MetricNames.Accuracy],
        _ => [MetricNames.Loss, MetricNames.Rmse, MetricNames.Mae],
    };

    /// <summary>Computes the non-loss metrics of <see cref="For"/> into <paramref name="into"/>.</summary>
    public static void Compute(TargetMatrix targets, double[] predictions, IDictionary<string, double> into)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(into);
        var schema = targets.Schema;
        switch (schema.Kind)
        {
            case LabelKind.Binary:
                into[MetricNames.Auroc] = BinaryRanking.Auroc(targets.AsBinary(), predictions);
                break;
            case LabelKind.MultiLabel:
                into[MetricNames.MacroAuroc] = MultiLabelRanking.MacroAuroc(targets.Values, predictions, schema.Width);
                into[MetricNames.RecallAt10] = MultiLabelRanking.RecallAtK(targets.Values, predictions, schema.Width, 10);
                break;
            case LabelKind.Multiclass:
                into[MetricNames.Accuracy] = ClassificationAccuracy.Multiclass(targets.Values, predictions, schema.Width);
                break;
            default:
                into[MetricNames.Rmse] = RegressionError.Rmse(targets.Values, predictions);
                into[MetricNames.Mae] = RegressionError.Mae(targets.Values, predictions);
                break;
        }
    }
}
