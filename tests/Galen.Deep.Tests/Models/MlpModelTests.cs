using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Deep.Models;
using Galen.Deep.Tests.Fixtures;
using Galen.Deep.Training;
using Galen.Evaluation.Metrics;
using static TorchSharp.torch;

namespace Galen.Deep.Tests.Models;

public sealed class MlpModelTests
{
    [Fact]
    public void A_tiny_network_learns_xor_which_the_prevalence_baseline_and_any_linear_model_cannot()
    {
        var trainer = new MlpTrainer(new MlpOptions { Hidden = [16], Dropout = 0, Training = Fast.Trainer(epochs: 40, batchSize: 64, learningRate: 0.03, seed: 3) });

        using var model = trainer.Fit(Tabular.Xor(1000, 1));
        var test = Tabular.Xor(400, 2);
        double auroc = BinaryRanking.Auroc(test.Targets.AsBinary(), model.Predict(test.Inputs).Values);

        Assert.True(auroc > 0.95, $"test AUROC {auroc:F3}");
    }

    [Fact]
    public void It_overfits_a_tiny_batch_of_noise()
    {
        var tiny = Tabular.Noise(16, 4, seed: 4);
        var trainer = new MlpTrainer(new MlpOptions { Hidden = [32, 32], Dropout = 0, Training = Fast.Trainer(epochs: 200, batchSize: 16, learningRate: 1e-2) });

        using var model = trainer.Fit(tiny);

        Assert.True(model.Training!.Epochs[^1].Training[MonitoredMetrics.Loss] < 0.05);
        var predicted = model.Predict(tiny.Inputs).Values.ToArray();
        Assert.Equal(tiny.Targets.AsBinary(), predicted.Select(p => p > 0.5));
    }

    [Fact]
    public void Gradients_reach_every_parameter()
    {
        manual_seed(2);
        using var network = new MlpOptions { Hidden = [8, 8], Dropout = 0 }.CreateNetwork(inputs: 3, outputs: 2);
        using var scope = NewDisposeScope();

        Assert.Empty(Gradients.Dead(network, network.call(randn(5, 3)).pow(2).mean()));
    }

    [Fact]
    public void Missing_values_are_read_as_the_training_mean_and_scaling_uses_training_rows_only()
    {
        var trainer = new MlpTrainer(new MlpOptions { Hidden = [4], Training = Fast.Trainer(epochs: 1) });
        var train = Tabular.Xor(100, 5);
        using var model = trainer.Fit(train);
        var means = Enumerable.Range(0, 2).Select(c => Enumerable.Range(0, 100).Average(r => train.Inputs[r, c])).ToArray();
        var rows = new FeatureMatrix(Tabular.TwoFeatures, [float.NaN, float.NaN, (float)means[0], (float)means[1]]);

        var predicted = model.Predict(rows).Values.ToArray();

        Assert.Equal(means[0], model.Scaling.Means[0], 5);
        Assert.Equal(predicted[0], predicted[1], 6);
    }

    [Fact]
    public void Rows_with_other_columns_are_refused_with_a_clear_message()
    {
        using var model = new MlpTrainer(new MlpOptions { Hidden = [4], Training = Fast.Trainer(epochs: 1) }).Fit(Tabular.Xor(50, 6));
        var wider = new FeatureMatrix([new("a", "a"), new("b", "b"), new("c", "c")], new float[3]);

        var error = Assert.Throws<GalenInputException>(() => model.Predict(wider));

        Assert.Contains("trained on 2 features but these rows have 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_network_names_the_layer_and_both_shapes_on_a_mismatch()
    {
        using var network = new Mlp(8, [4], 1);
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ShapeMismatchException>(() => network.call(zeros(32, 5)));

        Assert.Equal("Layer 'Mlp input' expects a tensor of shape [batch, 8] but got [32, 5]. Check that the inputs were built like the training inputs (same features, channels or vocabulary).", error.Message[(error.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
        Assert.Equal([32L, 5L], error.Actual);
    }

    [Fact]
    public void An_infinite_feature_is_refused_with_its_row_and_column()
    {
        var values = new float[] { 0, 1, float.PositiveInfinity, 2 };
        var set = new LabelledSet<FeatureMatrix>(new FeatureMatrix(Tabular.TwoFeatures, values), new TargetMatrix(Tabular.Outcome, [0f, 1f]), SyntheticVisits.Infos(2));

        var error = Assert.Throws<GalenInputException>(() => new MlpTrainer(new MlpOptions { Training = Fast.Trainer(epochs: 1) }).Fit(set));

        Assert.Equal(2, error.Location!.Line);
        Assert.Equal("a", error.Location.Field);
    }

    [Fact]
    public void A_target_value_that_does_not_fit_its_kind_is_refused_with_row_and_value()
    {
        var set = new LabelledSet<FeatureMatrix>(new FeatureMatrix(Tabular.TwoFeatures, new float[6]), new TargetMatrix(Tabular.Outcome, [0f, 1f, 2f]), SyntheticVisits.Infos(3));

        var error = Assert.Throws<GalenInputException>(() => new MlpTrainer(new MlpOptions { Training = Fast.Trainer(epochs: 1) }).Fit(set));

        Assert.Equal(3, error.Location!.Line);
        Assert.Equal("2", error.Location.Value);
        Assert.Contains("Use 0 or 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.5, "Dropout must be in [0, 1)")]
    [InlineData(-0.1, "Dropout must be in [0, 1)")]
    public void Impossible_dropout_is_a_configuration_error(double dropout, string expected)
    {
        var error = Assert.Throws<GalenConfigurationException>(new MlpOptions { Dropout = dropout }.Validate);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
