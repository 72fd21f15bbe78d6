using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Deep.Persistence;
using Galen.Deep.Tests.Fixtures;
using Galen.Deep.Tests.Models;

namespace Galen.Deep.Tests.Persistence;

/// <summary>Networks saved in Galen's model bundle (the format tabular models and the service use) load with identical predictions.</summary>
public sealed class DeepBundleCodecTests : IDisposable
{
    private readonly string _folder = Fast.TemporaryDirectory();

    private static BundleManifest Manifest(string name, LabelSchema schema) => new()
    {
        FormatVersion = ModelBundle.FormatVersion,
        Family = string.Empty,
        FamilyVersion = 0,
        Name = name,
        Description = name,
        Schema = schema,
        Features = [],
        CreatedUtc = DateTime.UtcNow,
        GalenVersion = ModelBundle.GalenVersion,
        TrainingData = new DataFingerprint(0, 0, 0, new string('0', 64)),
    };

    private LoadedBundle RoundTrip(IDeepModel model, string name)
    {
        string path = Path.Combine(_folder, name + ModelBundle.Extension);
        var written = ModelBundle.Save(path, model, Manifest(name, model.Schema), [new DeepBundleCodec()]);
        Assert.Equal(DeepBundleCodec.FamilyName, written.Family);
        Assert.Equal([DeepModelCodec.ConfigurationEntry, DeepModelCodec.WeightsEntry], written.Entries);
        return ModelBundle.Load(path, [new DeepBundleCodec()]);
    }

    [Fact]
    public void A_time_series_model_with_context_in_a_bundle_predicts_identically()
    {
        var (inputs, outcome) = TimeSeriesContextTests.Generate(96, seed: 21);
        using var model = new TimeSeriesTrainer(new TimeSeriesOptions { HiddenSize = 8, Training = Fast.Trainer(epochs: 2) })
            .Fit(SyntheticSeries.Set(inputs, SyntheticSeries.Warning, outcome));

        var loaded = RoundTrip(model, "ts-gru");
        using var again = Assert.IsType<TimeSeriesModel>(loaded.Model);

        Assert.Equal(model.Predict(inputs).Values.ToArray(), loaded.ModelFor<TimeSeriesInputs>().Predict(inputs).Values.ToArray());
        Assert.Equal(model.Encoding.Context!.Means, again.Encoding.Context!.Means);
        Assert.Equal(model.Description, again.Description);
    }

    [Fact]
    public void A_visit_model_and_an_mlp_in_bundles_predict_identically()
    {
        var (visits, mortality, _, _) = SyntheticVisits.Generate(100, seed: 22);
        using var retain = new VisitSequenceTrainer(new VisitSequenceOptions { Architecture = VisitArchitecture.Retain, EmbeddingSize = 8, HiddenSize = 8, Training = Fast.Trainer(epochs: 2) })
            .Fit(SyntheticVisits.MortalitySet(visits, mortality));
        var table = Tabular.Xor(80, 3);
        using var mlp = new MlpTrainer(new MlpOptions { Hidden = [8], Training = Fast.Trainer(epochs: 2) }).Fit(table);

        var retainBundle = RoundTrip(retain, "retain");
        var mlpBundle = RoundTrip(mlp, "mlp");
        using var retainAgain = (IDisposable)retainBundle.Model;
        using var mlpAgain = (IDisposable)mlpBundle.Model;

        Assert.Equal(retain.Predict(visits).Values.ToArray(), retainBundle.ModelFor<VisitSequenceInputs>().Predict(visits).Values.ToArray());
        Assert.Equal(mlp.Predict(table.Inputs).Values.ToArray(), mlpBundle.ModelFor<FeatureMatrix>().Predict(table.Inputs).Values.ToArray());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
