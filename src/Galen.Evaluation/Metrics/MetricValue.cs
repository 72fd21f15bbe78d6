namespace Galen.Evaluation.Metrics;

/// <summary>One metric's value.</summary>
/// <param name="Name">Name as shown in reports, e.g. "AUROC" (see <see cref="MetricNames"/>).</param>
/// <param name="Value">The value; NaN when undefined (e.g. AUROC with one class).</param>
/// <param name="HigherIsBetter">Direction, for leaderboards and gaps.</param>
public sealed record MetricValue(string Name, double Value, bool HigherIsBetter);
