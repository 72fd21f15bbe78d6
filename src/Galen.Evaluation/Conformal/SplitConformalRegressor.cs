namespace Galen.Evaluation.Conformal;

/// <summary>
/// Split-conformal intervals for a regression model: ŷ ± q̂, with q̂ the
/// ⌈(n + 1)(1 − α)⌉-th smallest absolute residual on n calibration samples; the interval holds the
/// true value with probability at least 1 − α on exchangeable new samples.
/// </summary>
public sealed record SplitConformalRegressor(double Alpha, double HalfWidth, int CalibrationSize)
{
    public static SplitConformalRegressor Fit(ReadOnlySpan<double> targets, ReadOnlySpan<double> predictions, double alpha)
    {
        if (alpha is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must lie strictly between 0 and 1.");
        }

        if (targets.Length != predictions.Length || targets.Length == 0)
        {
            throw new ArgumentException("Need one prediction per target, and at least one.", nameof(predictions));
        }

        var residuals = new double[targets.Length];
        for (int i = 0; i < residuals.Length; i++)
        {
            residuals[i] = Math.Abs(targets[i] - predictions[i]);
        }

        Array.Sort(residuals);
        int rank = (int)Math.Ceiling((residuals.Length + 1) * (1 - alpha));
        return new SplitConformalRegressor(alpha, rank > residuals.Length ? double.PositiveInfinity : residuals[rank - 1], residuals.Length);
    }

    public (double Lower, double Upper) Interval(double prediction) => (prediction - HalfWidth, prediction + HalfWidth);
}
