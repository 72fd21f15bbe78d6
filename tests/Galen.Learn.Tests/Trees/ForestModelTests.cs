using System.IO.Compression;
using System.Text.Json.Nodes;
using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Learn.Tabular;
using Galen.Learn.Trainers;
using Galen.Learn.Trees;

namespace Galen.Learn.Tests.Trees;

/// <summary>Galen's forest inside a tabular model: explanations, bundles, and reading older bundles.</summary>
public sealed class ForestModelTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "galen-forest-tests-" + Guid.NewGuid().ToString("N"));

    private static RandomForestOptions Small => new() { Trees = 25 };

    private string Save(IModel<FeatureMatrix> model, LabelledSet<FeatureMatrix> data)
    {
        Directory.CreateDirectory(_folder);
        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ModelBundle.Extension);
        var manifest = new BundleManifest
        {
            FormatVersion = 0,
            Family = string.Empty,
            FamilyVersion = 0,
            Name = "test",
            Description = model.Description,
            Schema = data.Targets.Schema,
            Features = data.Inputs.Features,
            CreatedUtc = DateTime.UtcNow,
            GalenVersion = ModelBundle.GalenVersion,
            TrainingData = DataFingerprint.Of(data),
        };
        ModelBundle.Save(path, model, manifest, [new TabularModelCodec()]);
        return path;
    }

    private static TabularModel Load(string path) => (TabularModel)ModelBundle.Load(path, [new TabularModelCodec()]).ModelFor<FeatureMatrix>();

    [Fact]
    public void Binary_contributions_add_up_to_the_predicted_probability()
    {
        var train = Synthetic.Binary(1200, 6, missing: 0.1);
        var model = (TabularModel)new RandomForestTrainer(Small).Fit(train);
        var rows = train.Inputs.Select(Enumerable.Range(0, 40).ToArray());

        var contributions = model.Explain(rows);
        var p = model.Predict(rows).Values.ToArray();

        Assert.True(model.CanExplain);
        Assert.Equal("probability", contributions.Scale);
        Assert.Equal(TabularModel.ForestContributionMethod, contributions.Method);
        Assert.Equal(4, contributions.Features.Count);
        double prior = train.Targets.AsBinary().Count(b => b) / (double)train.Count;
        for (int i = 0; i < rows.Rows; i++)
        {
            Assert.Equal(p[i], contributions.Baselines[i] + contributions.Row(i).ToArray().Sum(), 12);

            // The baseline is the trees' mean root frequency: the outcome rate of their bootstrap samples.
            Assert.Equal(prior, contributions.Baselines[i], 1);
        }

        // Age and creatinine drive the generator's risk; one of them moves predictions most.
        var meanAbs = Enumerable.Range(0, 4).Select(j => Enumerable.Range(0, rows.Rows).Average(i => Math.Abs(contributions.Row(i)[j]))).ToArray();
        Assert.Contains(Array.IndexOf(meanAbs, meanAbs.Max()), new[] { 0, 1 });
    }

    [Fact]
    public void Regression_contributions_add_up_to_the_predicted_value()
    {
        var train = Synthetic.Regression(800, 7);
        var model = (TabularModel)new RandomForestTrainer(Small).Fit(train);
        var rows = train.Inputs.Select(Enumerable.Range(0, 20).ToArray());

        var contributions = model.Explain(rows);
        var values = model.Predict(rows).Values.ToArray();

        Assert.Equal("predicted value", contributions.Scale);
        for (int i = 0; i < rows.Rows; i++)
        {
            Assert.Equal(values[i], contributions.Baselines[i] + contributions.Row(i).ToArray().Sum(), 9);
        }
    }

    [Fact]
    public void A_multiclass_forest_does_not_claim_single_output_explanations()
    {
        var model = (TabularModel)new RandomForestTrainer(Small).Fit(Synthetic.Multiclass(300, 3));
        Assert.False(model.CanExplain);
        Assert.Throws<Core.Errors.GalenConfigurationException>(() => model.Explain(Synthetic.Multiclass(5, 4).Inputs));
    }

    public static TheoryData<string> Kinds => ["binary", "multiclass", "multi-label", "regression"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_saved_forest_reloads_and_predicts_and_explains_identically(string kind)
    {
        var data = kind switch
        {
            "binary" => Synthetic.Binary(500, 1, missing: 0.1),
            "multiclass" => Synthetic.Multiclass(500, 2),
            "multi-label" => Synthetic.MultiLabel(500, 3),
            _ => Synthetic.Regression(500, 4),
        };
        var model = (TabularModel)new RandomForestTrainer(Small).Fit(data);
        var loaded = Load(Save(model, data));

        Assert.Equal(model.Predict(data.Inputs).Values.ToArray(), loaded.Predict(data.Inputs).Values.ToArray());
        Assert.Equal(model.Description, loaded.Description);
        Assert.All(loaded.Heads, h => Assert.IsType<ForestHead>(h));
        if (model.CanExplain)
        {
            Assert.Equal(model.Explain(data.Inputs).Values, loaded.Explain(data.Inputs).Values);
        }
    }

    [Fact]
    public void A_damaged_forest_payload_is_a_bundle_error_that_names_the_file()
    {
        var data = Synthetic.Binary(300, 5);
        string path = Save(new RandomForestTrainer(Small).Fit(data), data);
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = archive.GetEntry("payload/head-0.forest")!;
            byte[] bytes;
            using (var stream = entry.Open())
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray()[..(int)(copy.Length / 2)];
            }

            entry.Delete();
            using var replaced = archive.CreateEntry("payload/head-0.forest").Open();
            replaced.Write(bytes);
        }

        var error = Assert.Throws<BundleFormatException>(() => Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("head 0 is not a readable forest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_1_tabular_bundle_still_loads()
    {
        // Version 1 had ML.NET heads only and no "engines" list in model.json.
        var data = Synthetic.Binary(300, 6);
        var model = new LogisticRegressionTrainer().Fit(data);
        string path = Save(model, data);
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            Rewrite(archive, "payload/model.json", json => json.AsObject().Remove("engines"));
            Rewrite(archive, "manifest.json", json => json["familyVersion"] = 1);
        }

        var loaded = Load(path);
        Assert.Equal(model.Predict(data.Inputs).Values.ToArray(), loaded.Predict(data.Inputs).Values.ToArray());
    }

    [Fact]
    public void The_forest_format_rejects_what_it_did_not_write()
    {
        Assert.Throws<InvalidDataException>(() => DecisionForest.Read(new MemoryStream("not a forest at all"u8.ToArray())));
    }

    private static void Rewrite(ZipArchive archive, string name, Action<JsonNode> change)
    {
        var entry = archive.GetEntry(name)!;
        JsonNode json;
        using (var stream = entry.Open())
        {
            json = JsonNode.Parse(stream)!;
        }

        change(json);
        entry.Delete();
        using var writer = new StreamWriter(archive.CreateEntry(name).Open());
        writer.Write(json.ToJsonString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
