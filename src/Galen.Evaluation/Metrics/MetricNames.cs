namespace Galen.Evaluation.Metrics;

/// <summary>The names Galen gives its metrics in tables, reports and bundles.</summary>
public static class MetricNames
{
    public const string Auroc = "AUROC";
    public const string Auprc = "AUPRC";
    public const string Accuracy = "accuracy";
    public const string BalancedAccuracy = "balanced accuracy";
    public const string Precision = "precision";
    public const string Recall = "recall";
    public const string Specificity = "specificity";
    public const string F1 = "F1";
    public const string LogLoss = "log loss";
    public const string Brier = "Brier";
    public const string Ece = "ECE";
    public const string MacroAuroc = "macro AUROC";
    public const string MacroPrecision = "macro precision";
    public const string MacroRecall = "macro recall";
    public const string MacroF1 = "macro F1";
    public const string MicroPrecision = "micro precision";
    public const string MicroRecall = "micro recall";
    public const string MicroF1 = "micro F1";
    public const string Jaccard = "Jaccard (samples)";
    public const string SamplesAuprc = "sample PR-AUC";
    public const string HammingLoss = "Hamming loss";
    public const string Mae = "MAE";
    public const string Rmse = "RMSE";
    public const string R2 = "R²";
}
