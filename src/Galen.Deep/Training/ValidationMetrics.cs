using Galen.Core.Learning;
using Galen.Evaluation.Metrics;

namespace Galen.Deep.Training;

/// <summary>The metrics the supervised trainer reports on validation data for each target kind.</summary>
public static class ValidationMetrics
{
    /// <summary>Metric names available for a target kind, <see cref="MonitoredMetrics.Loss"/> first.</summary>
    public static IReadOnlyList<string> For(LabelKind kind) => kind switch
    {
        LabelKind.Binary => [MonitoredMetrics.Loss, MonitoredMetrics.Auroc],
        LabelKind.MultiLabel => [MonitoredMetrics.Loss, MonitoredMetrics.MacroAuroc, MonitoredMetrics.RecallAt10],
        LabelKind.Multiclass => [MonitoredMetrics.Loss, MonitoredMetrics.Accuracy],
        _ => [MonitoredMetrics.Loss, MonitoredMetrics.Rmse, MonitoredMetrics.Mae],
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
                into[MonitoredMetrics.Auroc] = BinaryRanking.Auroc(targets.AsBinary(), predictions);
                break;
            case LabelKind.MultiLabel:
                into[MonitoredMetrics.MacroAuroc] = MultiLabelRanking.MacroAuroc(targets.Values, predictions, schema.Width);
                into[MonitoredMetrics.RecallAt10] = MultiLabelRanking.RecallAtK(targets.Values, predictions, schema.Width, 10);
                break;
            case LabelKind.Multiclass:
                into[MonitoredMetrics.Accuracy] = ClassificationAccuracy.Multiclass(targets.Values, predictions, schema.Width);
                break;
            default:
                into[MonitoredMetrics.Rmse] = RegressionError.Rmse(targets.Values, predictions);
                into[MonitoredMetrics.Mae] = RegressionError.Mae(targets.Values, predictions);
                break;
        }
    }
}
