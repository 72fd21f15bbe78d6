namespace Galen.Deep.Training;

/// <summary>Names of the metrics the trainer computes on validation data, for monitoring and early stopping.</summary>
public static class MonitoredMetrics
{
    /// <summary>The training objective's loss on the validation samples (every target kind).</summary>
    public const string Loss = "loss";

    /// <summary>Binary targets: area under the ROC curve.</summary>
    public const string Auroc = "auroc";

    /// <summary>Multi-label targets: AUROC averaged over labels.</summary>
    public const string MacroAuroc = "macro_auroc";

    /// <summary>Multi-label targets: recall among the 10 highest-scored labels.</summary>
    public const string RecallAt10 = "recall_at_10";

    /// <summary>Multiclass targets: share of samples whose most probable class is right.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Regression targets: root mean squared error in the target's units.</summary>
    public const string Rmse = "rmse";

    /// <summary>Regression targets: mean absolute error in the target's units.</summary>
    public const string Mae = "mae";

    /// <summary>True when a smaller value of the metric is better.</summary>
    public static bool LowerIsBetter(string metric) => metric is Loss or Rmse or Mae || metric.EndsWith("loss", StringComparison.Ordinal);
}
