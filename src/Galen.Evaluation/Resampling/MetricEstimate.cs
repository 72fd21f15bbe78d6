namespace Galen.Evaluation.Resampling;

/// <summary>A metric's point estimate with a bootstrap confidence interval.</summary>
/// <param name="Name">Metric name (see <see cref="Metrics.MetricNames"/>).</param>
/// <param name="Value">Estimate on all samples.</param>
/// <param name="Lower">Lower bound of the interval.</param>
/// <param name="Upper">Upper bound of the interval.</param>
/// <param name="HigherIsBetter">Direction of the metric.</param>
public sealed record MetricEstimate(string Name, double Value, double Lower, double Upper, bool HigherIsBetter);
