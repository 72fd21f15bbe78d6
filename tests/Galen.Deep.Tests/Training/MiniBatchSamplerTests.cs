using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Deep.Data;

namespace Galen.Deep.Tests.Training;

public sealed class MiniBatchSamplerTests
{
    [Fact]
    public void Shuffled_epochs_visit_every_sample_once_in_an_order_fixed_by_seed_and_epoch()
    {
        var sampler = new MiniBatchSampler(103, 10, BatchSampling.Shuffled, seed: 5);

        var first = sampler.EpochOrder(0);
        var again = new MiniBatchSampler(103, 10, BatchSampling.Shuffled, seed: 5).EpochOrder(0);
        var second = sampler.EpochOrder(1);

        Assert.Equal(11, sampler.BatchesPerEpoch);
        Assert.Equal(Enumerable.Range(0, 103), first.Order());
        Assert.Equal(first, again);
        Assert.NotEqual(first, second);
        Assert.Equal(3, sampler.Batch(first, 10).Length);
        Assert.Equal(first[100..], sampler.Batch(first, 10).ToArray());
    }

    [Fact]
    public void Class_balanced_sampling_draws_a_rare_outcome_as_often_as_a_common_one()
    {
        var classes = Enumerable.Range(0, 1000).Select(i => i < 50 ? 1 : 0).ToArray();
        var sampler = new MiniBatchSampler(1000, 100, BatchSampling.ClassBalanced, seed: 1, classes);

        var drawn = Enumerable.Range(0, 20).SelectMany(sampler.EpochOrder).ToArray();
        double positive = drawn.Count(i => classes[i] == 1) / (double)drawn.Length;

        Assert.InRange(positive, 0.48, 0.52);
        Assert.Equal(50, drawn.Where(i => classes[i] == 1).Distinct().Count());
    }

    [Fact]
    public void Class_balanced_sampling_of_a_regression_target_is_a_configuration_error()
    {
        var targets = new TargetMatrix(LabelSchema.Regression("hba1c", "HbA1c"), [5.5f, 7.1f]);

        var error = Assert.Throws<GalenConfigurationException>(() => MiniBatchSampler.ClassesOf(targets));

        Assert.Contains("'hba1c' is Regression", error.Message, StringComparison.Ordinal);
    }
}
