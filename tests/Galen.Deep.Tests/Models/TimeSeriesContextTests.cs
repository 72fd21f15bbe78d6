using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Deep.Tests.Fixtures;
using Galen.Evaluation.Metrics;

namespace Galen.Deep.Tests.Models;

/// <summary>Time-series models read context features (what holds over the whole series) beside the series.</summary>
public sealed class TimeSeriesContextTests
{
    /// <summary>Series of pure noise; the outcome depends only on the context (age and a treatment flag).</summary>
    internal static (TimeSeriesInputs Inputs, float[] Outcome) Generate(int samples, int seed)
    {
        var (series, _, _) = SyntheticSeries.Generate(samples, seed);
        var rng = new Random(seed + 100);
        var context = new float[samples * 2];
        var outcome = new float[samples];
        for (int s = 0; s < samples; s++)
        {
            float age = 40 + (float)(rng.NextDouble() * 50);
            float treated = rng.NextDouble() < 0.3 ? 1 : 0;
            context[2 * s] = rng.NextDouble() < 0.1 ? float.NaN : age; // some ages not recorded
            context[(2 * s) + 1] = treated;
            double logit = -1 + (0.08 * (age - 65)) + (2 * treated);
            outcome[s] = rng.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }

        var features = new FeatureMatrix([new FeatureSpec("age_years", "age", FeatureKind.Numeric, "years"), new FeatureSpec("rx_ATC_C01CA03", "norepinephrine started", FeatureKind.Binary)], context);
        var samplesOnly = Enumerable.Range(0, samples).Select(s => series.Sample(s).ToArray());
        return (TimeSeriesInputs.Create(series.Channels, samplesOnly, features), outcome);
    }

    [Fact]
    public void An_outcome_only_the_context_carries_is_learned()
    {
        var (train, trainOutcome) = Generate(1200, seed: 11);
        var (test, testOutcome) = Generate(400, seed: 12);
        var trainer = new TimeSeriesTrainer(new TimeSeriesOptions { HiddenSize = 16, Training = Fast.Trainer(epochs: 8, batchSize: 64, learningRate: 1e-2) });

        using var model = trainer.Fit(SyntheticSeries.Set(train, SyntheticSeries.Warning, trainOutcome));
        double auroc = BinaryRanking.Auroc(testOutcome.Select(o => o == 1f).ToArray(), model.Predict(test).Values);

        Assert.True(auroc > 0.75, $"AUROC {auroc:F3}; the series alone carry nothing (0.5)");
        Assert.Contains("2 context features", model.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Samples_without_the_context_the_model_was_trained_with_are_refused()
    {
        var (train, outcome) = Generate(64, seed: 13);
        using var model = new TimeSeriesTrainer(new TimeSeriesOptions { HiddenSize = 4, Training = Fast.Trainer(epochs: 1) })
            .Fit(SyntheticSeries.Set(train, SyntheticSeries.Warning, outcome));
        var bare = TimeSeriesInputs.Create(train.Channels, Enumerable.Range(0, 4).Select(s => train.Sample(s).ToArray()));

        var error = Assert.Throws<GalenInputException>(() => model.Predict(bare));

        Assert.Contains("2 context features", error.Message, StringComparison.Ordinal);
    }
}
