using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Deep.Tests.Fixtures;
using Galen.Deep.Training;
using Galen.Evaluation.Metrics;
using static TorchSharp.torch;

namespace Galen.Deep.Tests.Models;

public sealed class TimeSeriesModelTests
{
    public static TheoryData<RecurrentCell> Cells => new() { RecurrentCell.Gru, RecurrentCell.Lstm };

    private static TimeSeriesOptions Options(RecurrentCell cell, TrainerOptions training, double dropout = 0.1) => new()
    {
        Cell = cell,
        HiddenSize = 32,
        Dropout = dropout,
        Training = training,
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Disease_progression_regression_beats_predicting_the_mean(RecurrentCell cell)
    {
        var (train, trainSlope, _) = SyntheticSeries.Generate(1500, seed: 1);
        var (test, testSlope, _) = SyntheticSeries.Generate(400, seed: 2);
        var trainer = new TimeSeriesTrainer(Options(cell, Fast.Trainer(epochs: 10, batchSize: 64, learningRate: 5e-3)));

        using var model = trainer.Fit(SyntheticSeries.Set(train, SyntheticSeries.Progression, trainSlope));
        double rmse = RegressionError.Rmse(testSlope, model.Predict(test).Values);
        double mean = trainSlope.Average();
        double baseline = RegressionError.Rmse(testSlope, Enumerable.Repeat((double)mean, testSlope.Length).ToArray());

        Assert.True(rmse < 0.5 * baseline, $"{cell}: RMSE {rmse:F4} against {baseline:F4} for the training mean");
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Early_warning_classification_finds_the_rising_lactate_despite_missing_values(RecurrentCell cell)
    {
        var (train, _, trainWarning) = SyntheticSeries.Generate(1500, seed: 3);
        var (test, _, testWarning) = SyntheticSeries.Generate(400, seed: 4);
        var trainer = new TimeSeriesTrainer(Options(cell, Fast.Trainer(epochs: 6, batchSize: 64, learningRate: 5e-3)));

        using var model = trainer.Fit(SyntheticSeries.Set(train, SyntheticSeries.Warning, trainWarning));
        double auroc = BinaryRanking.Auroc(testWarning.Select(w => w == 1f).ToArray(), model.Predict(test).Values);

        Assert.True(auroc > 0.95, $"{cell}: AUROC {auroc:F3} (prevalence baseline 0.5)");
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Each_cell_overfits_a_tiny_batch(RecurrentCell cell)
    {
        var (inputs, _, _) = SyntheticSeries.Generate(16, seed: 5);
        var rng = new Random(6);
        var noise = Enumerable.Range(0, 16).Select(_ => (float)rng.NextDouble()).ToArray();
        var trainer = new TimeSeriesTrainer(Options(cell, Fast.Trainer(epochs: 150, batchSize: 16, learningRate: 1e-2), dropout: 0.0));

        using var model = trainer.Fit(SyntheticSeries.Set(inputs, SyntheticSeries.Progression, noise));

        double rmse = RegressionError.Rmse(noise, model.Predict(inputs).Values);
        Assert.True(rmse < 0.05 * StandardDeviation(noise), $"{cell}: training RMSE {rmse:F4}");
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Gradients_reach_every_parameter(RecurrentCell cell)
    {
        var (inputs, _, _) = SyntheticSeries.Generate(10, seed: 7);
        var options = Options(cell, Fast.Trainer(), dropout: 0.0) with { Layers = 2, Bidirectional = true };
        var encoding = TimeSeriesEncoding.Fit(inputs, options.MaxSteps, options.SummaryStatistics);
        manual_seed(1);
        using var network = options.CreateNetwork(encoding, outputs: 2);
        using var scope = NewDisposeScope();
        var batch = encoding.Encode(inputs).Batch(Enumerable.Range(0, 10).ToArray(), CPU);

        Assert.Equal(SyntheticSeries.Channels.Length * TimeSeriesSummary.All.Count, network.SummaryFeatures);
        Assert.Empty(Gradients.Dead(network, network.call(batch).pow(2).mean()));
    }

    [Fact]
    public void Samples_with_other_channels_are_refused_with_the_channel_named()
    {
        var (train, slope, _) = SyntheticSeries.Generate(50, seed: 8);
        using var model = new TimeSeriesTrainer(Options(RecurrentCell.Gru, Fast.Trainer(epochs: 1))).Fit(SyntheticSeries.Set(train, SyntheticSeries.Progression, slope));
        var swapped = TimeSeriesInputs.Create([SyntheticSeries.Channels[1], SyntheticSeries.Channels[0], SyntheticSeries.Channels[2]], [new float[3]]);

        var error = Assert.Throws<GalenInputException>(() => model.Predict(swapped));

        Assert.Contains("'lactate'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'creatinine'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_network_names_itself_and_both_shapes_when_given_the_wrong_number_of_channels()
    {
        using var network = Options(RecurrentCell.Lstm, Fast.Trainer()).CreateNetwork(channels: 3, outputs: 1);
        using var scope = NewDisposeScope();
        var batch = new TimeSeriesBatch(zeros(2, 4, 5), zeros(2, 4, 5), tensor(new long[] { 4, 3 }), 2, 4);

        var error = Assert.Throws<ShapeMismatchException>(() => network.call(batch));

        Assert.Equal("LstmTimeSeriesNetwork input", error.Layer);
        Assert.Contains("[batch, steps, 3]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[2, 4, 5]", error.Message, StringComparison.Ordinal);
    }

    private static double StandardDeviation(float[] values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }
}
