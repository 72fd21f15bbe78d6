using Galen.Core.Learning;
using Galen.Evaluation.Metrics;
using Galen.Evaluation.Resampling;

namespace Galen.Evaluation.Tests.Resampling;

public sealed class BootstrapTests
{
    private static (bool[] Labels, double[] Scores) Synthetic(int n, int seed)
    {
        var random = new Random(seed);
        var labels = new bool[n];
        var scores = new double[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = random.NextDouble() < 0.3;
            scores[i] = random.NextDouble() + (labels[i] ? 0.4 : 0);
        }

        return (labels, scores);
    }

    [Fact]
    public void The_same_seed_gives_the_same_interval_and_the_interval_holds_the_estimate()
    {
        var (labels, scores) = Synthetic(2000, 1);
        var options = new BootstrapOptions(Resamples: 200, Seed: 9);
        var first = Bootstrap.Auroc(labels, scores, options);
        var second = Bootstrap.Auroc(labels, scores, options);
        var other = Bootstrap.Auroc(labels, scores, options with { Seed = 10 });

        Assert.Equal(first, second);
        Assert.NotEqual(first.Lower, other.Lower);
        Assert.InRange(first.Value, first.Lower, first.Upper);
        Assert.InRange(first.Upper - first.Lower, 0.01, 0.1);
    }

    [Fact]
    public void Interval_width_shrinks_like_one_over_root_n()
    {
        var options = new BootstrapOptions(Resamples: 300);
        var (l1, s1) = Synthetic(1000, 2);
        var (l2, s2) = Synthetic(16000, 2);
        var small = Bootstrap.Auroc(l1, s1, options);
        var large = Bootstrap.Auroc(l2, s2, options);

        double ratio = (small.Upper - small.Lower) / (large.Upper - large.Lower);
        Assert.InRange(ratio, 2.8, 5.6);
    }

    [Fact]
    public void Patient_grouped_resampling_keeps_a_patients_samples_together()
    {
        var samples = Enumerable.Range(0, 30).Select(i => new SampleInfo("p" + (i / 3), "s" + i, null, new Dictionary<string, string>())).ToArray();
        var resampler = new BootstrapResampler(30, samples);
        var counts = new int[30];
        resampler.Draw(new Random(5), counts);

        Assert.Equal(10, resampler.Units);
        for (int p = 0; p < 10; p++)
        {
            Assert.Equal(counts[3 * p], counts[(3 * p) + 1]);
            Assert.Equal(counts[3 * p], counts[(3 * p) + 2]);
        }

        Assert.Equal(30, counts.Sum());
    }

    [Fact]
    public void Estimate_gives_every_binary_metric_an_interval()
    {
        var (labels, scores) = Synthetic(500, 4);
        var targets = new TargetMatrix(LabelSchema.Binary("y", "outcome"), labels.Select(l => l ? 1f : 0f).ToArray());
        var estimates = Bootstrap.Estimate(targets, new Predictions(targets.Schema, scores), options: new BootstrapOptions(Resamples: 100));

        Assert.Contains(estimates, e => e.Name == MetricNames.Auprc);
        Assert.All(estimates, e => Assert.True(e.Lower <= e.Value + 1e-9 && e.Value <= e.Upper + 1e-9, e.ToString()));
    }
}
