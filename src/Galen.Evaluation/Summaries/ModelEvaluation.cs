using Galen.Core.Learning;
using Galen.Evaluation.Importance;
using Galen.Evaluation.Metrics;
using Galen.Evaluation.OperatingPoints;
using Galen.Evaluation.Resampling;
using Galen.Evaluation.Subgroups;

namespace Galen.Evaluation.Summaries;

/// <summary>A pointwise confidence band around a curve, on a fixed grid of x values.</summary>
public sealed record CurveBand(IReadOnlyList<double> Grid, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper);

/// <summary>How a calibration method changed calibration, judged on predictions it was not fitted on.</summary>
/// <param name="Method">"none", "Platt", "isotonic" or "temperature".</param>
/// <param name="Ece">Expected calibration error after the method.</param>
/// <param name="Brier">Brier score after the method.</param>
public sealed record CalibrationResult(string Method, double Ece, double Brier);

/// <summary>Split-conformal prediction sets, assessed fold by fold on samples the threshold was not fitted on.</summary>
/// <param name="Alpha">Allowed miss rate.</param>
/// <param name="Threshold">q̂ fitted on all out-of-fold predictions (the value a deployed model uses).</param>
/// <param name="Coverage">Observed coverage on held-out folds (promised: at least 1 − α).</param>
/// <param name="MeanSetSize">Mean number of classes per set (regression: mean interval width).</param>
public sealed record ConformalResult(double Alpha, double Threshold, double Coverage, double MeanSetSize);

/// <summary>
/// Everything Galen knows about how well one model does: the evaluation protocol, metrics with
/// bootstrap intervals, curves with bands, calibration, operating points, subgroups, importance
/// and conformal coverage. Serialisable to JSON; reports and bundles carry it.
/// </summary>
public sealed record ModelEvaluation
{
    public required string Model { get; init; }

    public required string Description { get; init; }

    public required LabelSchema Schema { get; init; }

    /// <summary>How the predictions were obtained, e.g. "10-fold cross-validation grouped by patient".</summary>
    public required string Protocol { get; init; }

    public required int Samples { get; init; }

    public required int Patients { get; init; }

    /// <summary>Samples with the outcome (binary tasks).</summary>
    public int? Positives { get; init; }

    public required IReadOnlyList<MetricEstimate> Metrics { get; init; }

    /// <summary>Bootstrap resamples and level behind the intervals.</summary>
    public required BootstrapOptions Bootstrap { get; init; }

    /// <summary>Per-fold AUROC (or the task's main metric), when cross-validated.</summary>
    public IReadOnlyList<double>? FoldScores { get; init; }

    public RocCurve? Roc { get; init; }

    public CurveBand? RocBand { get; init; }

    public PrecisionRecallCurve? PrecisionRecall { get; init; }

    public CurveBand? PrecisionRecallBand { get; init; }

    public IReadOnlyList<ReliabilityBin>? Reliability { get; init; }

    public IReadOnlyList<CalibrationResult>? Calibration { get; init; }

    public IReadOnlyList<OperatingPoint>? OperatingPoints { get; init; }

    public SubgroupReport? Subgroups { get; init; }

    public IReadOnlyList<FeatureImportance>? Importance { get; init; }

    public ConformalResult? Conformal { get; init; }

    /// <summary>Training time of the final model, in seconds.</summary>
    public double? TrainingSeconds { get; init; }

    /// <summary>The estimate of the named metric, or null.</summary>
    public MetricEstimate? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);
}
