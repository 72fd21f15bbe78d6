using Galen.Evaluation.Metrics;

namespace Galen.Evaluation.Tests.Metrics;

public sealed class RegressionErrorTests
{
    private static readonly float[] Truth = [1.5f, 2.0f, -0.5f, 3.25f, 0.0f];
    private static readonly double[] Predicted = [1.0, 2.5, 0.0, 3.0, 0.5];

    // Golden values: bench/peers/metrics_golden.py (scikit-learn 1.2.1).
    [Fact]
    public void Rmse_and_mae_match_scikit_learn()
    {
        Assert.Equal(0.4609772228646444, RegressionError.Rmse(Truth, Predicted), 12);
        Assert.Equal(0.45, RegressionError.Mae(Truth, Predicted), 12);
    }

    [Fact]
    public void Empty_or_mismatched_inputs_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => RegressionError.Rmse([], []));
        Assert.Throws<ArgumentException>(() => RegressionError.Mae([1f], [1.0, 2.0]));
    }
}
