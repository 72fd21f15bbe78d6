using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Deep.Training;

namespace Galen.Deep.Tests.Models;

public sealed class DeepModelCatalogTests
{
    [Theory]
    [InlineData("gru", "gru")]
    [InlineData("LSTM", "lstm")]
    [InlineData("transformer", "transformer")]
    [InlineData("retain", "retain")]
    public void Visit_models_are_made_by_name_with_the_settings_applied(string name, string trainerName)
    {
        var settings = new DeepModelSettings { HiddenSize = 12, EmbeddingSize = 24, Heads = 3, Training = new TrainerOptions { Epochs = 4 } };

        var trainer = Assert.IsType<VisitSequenceTrainer>(DeepModelCatalog.Create<VisitSequenceInputs>(name, settings));

        Assert.Equal(trainerName, trainer.Name);
        Assert.Equal((12, 24, 3, 4), (trainer.Options.HiddenSize, trainer.Options.EmbeddingSize, trainer.Options.Heads, trainer.Options.Training.Epochs));
    }

    [Fact]
    public void Tabular_and_time_series_models_are_made_by_name()
    {
        var settings = new DeepModelSettings { HiddenLayers = [5, 3], Layers = 2 };

        var mlp = Assert.IsType<MlpTrainer>(DeepModelCatalog.Create<FeatureMatrix>("mlp", settings));
        var series = Assert.IsType<TimeSeriesTrainer>(DeepModelCatalog.Create<TimeSeriesInputs>("ts-lstm", settings));

        Assert.Equal([5, 3], mlp.Options.Hidden);
        Assert.Equal((RecurrentCell.Lstm, 2, "ts-lstm"), (series.Options.Cell, series.Options.Layers, series.Name));
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones()
    {
        var error = Assert.Throws<GalenConfigurationException>(() => DeepModelCatalog.Find("vgg"));

        Assert.Contains("mlp, gru, lstm, transformer, retain, ts-gru, ts-lstm", error.Message, StringComparison.Ordinal);
        Assert.Contains(", cnn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_asked_for_the_wrong_kind_of_samples_says_what_it_reads_and_what_would_fit()
    {
        var error = Assert.Throws<GalenConfigurationException>(() => DeepModelCatalog.Create<FeatureMatrix>("lstm", new DeepModelSettings()));

        Assert.Contains("reads visit sequences (VisitSequenceInputs), not FeatureMatrix", error.Message, StringComparison.Ordinal);
        Assert.Contains("Choose a model for your samples: mlp.", error.Message, StringComparison.Ordinal);
    }
}
