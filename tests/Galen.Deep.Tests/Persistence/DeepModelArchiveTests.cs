using System.IO.Compression;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Deep.Persistence;
using Galen.Deep.Tests.Fixtures;
using Galen.Deep.Training;

namespace Galen.Deep.Tests.Persistence;

public sealed class DeepModelArchiveTests : IDisposable
{
    private readonly string _folder = Fast.TemporaryDirectory();

    public static TheoryData<VisitArchitecture> Architectures => new()
    {
        VisitArchitecture.Gru, VisitArchitecture.Lstm, VisitArchitecture.Transformer, VisitArchitecture.Retain,
    };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void A_saved_visit_model_loads_with_identical_predictions(VisitArchitecture architecture)
    {
        var (inputs, _, next, _) = SyntheticVisits.Generate(120, seed: 1);
        var options = new VisitSequenceOptions { Architecture = architecture, EmbeddingSize = 16, HiddenSize = 16, Bidirectional = architecture == VisitArchitecture.Lstm, Training = Fast.Trainer(epochs: 2) };
        using var model = new VisitSequenceTrainer(options).Fit(SyntheticVisits.NextVisitSet(inputs, next));
        string path = Path.Combine(_folder, architecture + ".galen-model");

        model.Save(path);
        using var loaded = DeepModelArchive.Load<VisitSequenceModel>(path);

        Assert.Equal(model.Predict(inputs).Values.ToArray(), loaded.Predict(inputs).Values.ToArray());
        Assert.Equal((model.Schema.Name, model.Schema.Kind), (loaded.Schema.Name, loaded.Schema.Kind));
        Assert.Equal(model.Schema.Classes, loaded.Schema.Classes);
        Assert.Equal(model.Encoding.Vocabulary.Codes, loaded.Encoding.Vocabulary.Codes);
        Assert.Equal(model.Description, loaded.Description);
        Assert.Equal(model.Training!.StepLosses, loaded.Training!.StepLosses);
    }

    [Fact]
    public void A_saved_regression_time_series_model_loads_with_identical_predictions_in_target_units()
    {
        var (series, slope, _) = SyntheticSeries.Generate(80, seed: 2);
        using var model = new TimeSeriesTrainer(new TimeSeriesOptions { Cell = RecurrentCell.Lstm, HiddenSize = 8, Training = Fast.Trainer(epochs: 2) })
            .Fit(SyntheticSeries.Set(series, SyntheticSeries.Progression, slope));
        string path = Path.Combine(_folder, "series.galen-model");

        model.Save(path);
        using var loaded = (TimeSeriesModel)DeepModelArchive.Load(path);

        Assert.Equal(model.Predict(series).Values.ToArray(), loaded.Predict(series).Values.ToArray());
        Assert.Equal(model.Encoding.Means, loaded.Encoding.Means);
        Assert.Equal(TimeSeriesSummary.All, loaded.Encoding.Summary!.Statistics);
        Assert.Equal(model.Encoding.Summary!.Scaling.Means, loaded.Encoding.Summary.Scaling.Means);
        Assert.Equal(model.Encoding.Summary.Scaling.Features.Select(f => f.Name), loaded.Encoding.Summary.Scaling.Features.Select(f => f.Name));
    }

    [Fact]
    public void A_version_1_time_series_model_from_before_summaries_loads_as_a_series_only_network()
    {
        // Version 1 files have no summary in the encoding and no linear path to the head: train
        // such a network, write its configuration as version 1 did, and load it.
        var (series, slope, _) = SyntheticSeries.Generate(80, seed: 3);
        using var model = new TimeSeriesTrainer(new TimeSeriesOptions { HiddenSize = 8, SummaryStatistics = [], LinearInputs = false, Training = Fast.Trainer(epochs: 2) })
            .Fit(SyntheticSeries.Set(series, SyntheticSeries.Progression, slope));
        string path = Path.Combine(_folder, "series-v1.galen-model");
        model.Save(path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(DeepModelCodec.ConfigurationEntry)!;
            string json;
            using (var reader = new StreamReader(entry.Open()))
            {
                json = reader.ReadToEnd();
            }

            var document = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
            document["version"] = 1;
            var options = document["time_series"]!.AsObject();
            Assert.True(options.Remove("summary_statistics"));
            Assert.True(options.Remove("linear_inputs"));
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(DeepModelCodec.ConfigurationEntry).Open());
            writer.Write(document.ToJsonString());
        }

        using var loaded = (TimeSeriesModel)DeepModelArchive.Load(path);

        Assert.Null(loaded.Encoding.Summary);
        Assert.False(loaded.Options.LinearInputs);
        Assert.Equal(0, ((TimeSeriesNetwork)loaded.Network).SummaryFeatures);
        Assert.Equal(model.Predict(series).Values.ToArray(), loaded.Predict(series).Values.ToArray());
    }

    [Fact]
    public void A_saved_mlp_loads_with_identical_predictions_and_leaves_the_random_generator_alone()
    {
        var set = Tabular.Xor(100, 3);
        using var model = new MlpTrainer(new MlpOptions { Hidden = [8], Training = Fast.Trainer(epochs: 2) }).Fit(set);
        string path = Path.Combine(_folder, "mlp.galen-model");
        model.Save(path);

        TorchSharp.torch.manual_seed(99);
        using var loaded = DeepModelArchive.Load<MlpModel>(path);
        float drawn = TorchSharp.torch.rand(1).item<float>();
        TorchSharp.torch.manual_seed(99);

        Assert.Equal(TorchSharp.torch.rand(1).item<float>(), drawn);
        Assert.Equal(model.Predict(set.Inputs).Values.ToArray(), loaded.Predict(set.Inputs).Values.ToArray());
        Assert.Equal(model.Scaling.Means, loaded.Scaling.Means);
        Assert.Equal(model.Scaling.Scales, loaded.Scaling.Scales);
        Assert.Equal(model.Scaling.Features, loaded.Scaling.Features);
    }

    [Fact]
    public void Loading_a_model_as_another_family_names_what_the_file_holds()
    {
        using var model = new MlpTrainer(new MlpOptions { Hidden = [4], Training = Fast.Trainer(epochs: 1) }).Fit(Tabular.Xor(40, 4));
        string path = Path.Combine(_folder, "mlp.galen-model");
        model.Save(path);

        var error = Assert.Throws<GalenInputException>(() => DeepModelArchive.Load<VisitSequenceModel>(path));

        Assert.Contains("holds a 'mlp' model, not a VisitSequenceModel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_with_its_path()
    {
        string path = Path.Combine(_folder, "notes.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            zip.CreateEntry("readme.txt");
        }

        var error = Assert.Throws<GalenInputException>(() => DeepModelArchive.Load(path));

        Assert.Equal(path, error.Location!.Source);
        Assert.Contains("not a Galen deep model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_saved_configuration_is_readable_json_with_vocabulary_and_training_history()
    {
        var (inputs, y, _, _) = SyntheticVisits.Generate(60, seed: 5);
        using var model = new VisitSequenceTrainer(new VisitSequenceOptions { Architecture = VisitArchitecture.Retain, EmbeddingSize = 8, HiddenSize = 8, Training = Fast.Trainer(epochs: 1) })
            .Fit(SyntheticVisits.MortalitySet(inputs, y));
        string path = Path.Combine(_folder, "retain.galen-model");
        model.Save(path);

        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry(DeepModelCodec.ConfigurationEntry)!.Open());
        string json = reader.ReadToEnd();

        Assert.Contains("\"family\": \"visit-sequence\"", json, StringComparison.Ordinal);
        Assert.Contains("\"architecture\": \"retain\"", json, StringComparison.Ordinal);
        Assert.Contains("\"code\": \"A41.9\"", json, StringComparison.Ordinal);
        Assert.Contains("\"step_losses\"", json, StringComparison.Ordinal);
        Assert.NotNull(zip.GetEntry(DeepModelCodec.WeightsEntry));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
