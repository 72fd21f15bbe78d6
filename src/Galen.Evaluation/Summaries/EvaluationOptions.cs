using Galen.Evaluation.Resampling;

namespace Galen.Evaluation.Summaries;

/// <summary>What <see cref="Evaluator"/> computes, with defaults suited to clinical reporting.</summary>
/// <param name="Bootstrap">Resamples, level and seed of the confidence intervals.</param>
/// <param name="Threshold">Decision threshold for threshold metrics and subgroups.</param>
/// <param name="TargetSensitivity">Sensitivity for the second operating point.</param>
/// <param name="CalibrationBins">Bins of the reliability curve and ECE.</param>
/// <param name="ConformalAlpha">Miss rate of the conformal prediction sets.</param>
/// <param name="SubgroupMinimumSize">Smallest subgroup reported.</param>
/// <param name="CurveGridPoints">Points of the ROC and PR confidence bands.</param>
public sealed record EvaluationOptions(
    BootstrapOptions Bootstrap,
    double Threshold = 0.5,
    double TargetSensitivity = 0.9,
    int CalibrationBins = 10,
    double ConformalAlpha = 0.1,
    int SubgroupMinimumSize = 30,
    int CurveGridPoints = 51)
{
    public EvaluationOptions()
        : this(new BootstrapOptions())
    {
    }
}
