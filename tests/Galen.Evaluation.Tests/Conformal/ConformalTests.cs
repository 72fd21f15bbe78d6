using Galen.Evaluation.Conformal;

namespace Galen.Evaluation.Tests.Conformal;

public sealed class ConformalTests
{
    /// <summary>A 4-class problem with a noisy, imperfect classifier.</summary>
    private static (double[] Probabilities, int[] Labels) Draw(int n, Random random)
    {
        const int K = 4;
        var probabilities = new double[n * K];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = random.Next(K);
            double sum = 0;
            for (int k = 0; k < K; k++)
            {
                double z = Math.Exp((random.NextDouble() * 2) + (k == labels[i] ? 1.2 : 0));
                probabilities[(i * K) + k] = z;
                sum += z;
            }

            for (int k = 0; k < K; k++)
            {
                probabilities[(i * K) + k] /= sum;
            }
        }

        return (probabilities, labels);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.2)]
    public void Prediction_sets_reach_the_promised_coverage_on_held_out_data(double alpha)
    {
        var random = new Random(42);
        double coverage = 0;
        const int Trials = 40;
        for (int t = 0; t < Trials; t++)
        {
            var (calibrationP, calibrationY) = Draw(300, random);
            var (testP, testY) = Draw(1000, random);
            var conformal = SplitConformalClassifier.Fit(calibrationP, calibrationY, 4, alpha);
            coverage += conformal.Assess(testP, testY).Coverage;
        }

        coverage /= Trials;

        // The guarantee is on the mean: 1 − α ≤ E[coverage] ≤ 1 − α + 1/(n + 1).
        Assert.InRange(coverage, 1 - alpha - 0.01, 1 - alpha + (1.0 / 301) + 0.01);
    }

    [Fact]
    public void Too_few_calibration_samples_give_the_full_set_rather_than_a_broken_promise()
    {
        var conformal = SplitConformalClassifier.Fit([0.9, 0.1, 0.2, 0.8], [0, 1], 2, alpha: 0.1);
        Assert.True(double.IsPositiveInfinity(conformal.Threshold));
        Assert.Equal([0, 1], conformal.Set([0.99, 0.01]));
    }

    [Fact]
    public void Regression_intervals_reach_the_promised_coverage()
    {
        var random = new Random(7);
        double Noise() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var calibrationTargets = Enumerable.Range(0, 500).Select(_ => Noise()).ToArray();
        var conformal = SplitConformalRegressor.Fit(calibrationTargets, new double[500], 0.1);
        int covered = 0;
        for (int i = 0; i < 20000; i++)
        {
            var (lower, upper) = conformal.Interval(0);
            double y = Noise();
            covered += y >= lower && y <= upper ? 1 : 0;
        }

        Assert.InRange(covered / 20000.0, 0.88, 0.93);
    }
}
