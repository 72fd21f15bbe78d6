using Galen.Core.Learning;

namespace Galen.Evaluation.Importance;

/// <summary>How much a metric drops when one feature's values are shuffled.</summary>
/// <param name="Feature">The feature.</param>
/// <param name="Metric">Metric used, e.g. "AUROC".</param>
/// <param name="MeanDrop">Mean drop in the metric over repeats (larger = more important).</param>
/// <param name="StandardDeviation">Spread of the drop over repeats.</param>
public sealed record FeatureImportance(FeatureSpec Feature, string Metric, double MeanDrop, double StandardDeviation);
