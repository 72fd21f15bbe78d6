using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Galen.Core.Bundles;
using Galen.Core.Learning;

namespace Galen.Core.Tests.Bundles;

public sealed class ModelBundleTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "galen-bundle-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>A minimal model family: p = σ(w·x + b), stored as JSON.</summary>
    private sealed record LinearModel(double[] Weights, double Bias) : IModel<FeatureMatrix>
    {
        public LabelSchema Schema { get; } = LabelSchema.Binary("y", "outcome");

        public string Description => "linear";

        public Predictions Predict(FeatureMatrix inputs)
        {
            var p = new double[inputs.Rows];
            for (int i = 0; i < inputs.Rows; i++)
            {
                double z = Bias;
                for (int j = 0; j < inputs.Columns; j++)
                {
                    z += Weights[j] * inputs[i, j];
                }

                p[i] = 1 / (1 + Math.Exp(-z));
            }

            return new Predictions(Schema, p);
        }
    }

    private sealed class LinearCodec(int version = 1) : IModelCodec
    {
        public string Family => "test-linear";

        public int FamilyVersion => version;

        public IReadOnlyList<int> ReadableFamilyVersions => [1];

        public bool CanWrite(object model) => model is LinearModel;

        public void Write(object model, BundleWriter writer) =>
            writer.Add("linear.json", JsonSerializer.SerializeToUtf8Bytes((LinearModel)model));

        public object Read(BundleReader reader) =>
            JsonSerializer.Deserialize<LinearModel>(reader.ReadAllBytes("linear.json"))!;
    }

    private static readonly FeatureSpec[] Features = [new("a", "A"), new("b", "B")];

    private static BundleManifest Manifest() => new()
    {
        FormatVersion = 0,
        Family = string.Empty,
        FamilyVersion = 0,
        Name = "linear",
        Description = "test model",
        Schema = LabelSchema.Binary("y", "outcome"),
        Features = Features,
        CreatedUtc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        GalenVersion = ModelBundle.GalenVersion,
        TrainingData = new DataFingerprint(10, 2, 10, new string('0', 64)),
        Metrics = new Dictionary<string, double> { ["AUROC"] = 0.91, ["ECE"] = double.NaN },
        Card = new ModelCardFacts(DataSource: "unit test", IntendedUse: "none"),
    };

    private string PathOf(string name)
    {
        Directory.CreateDirectory(_folder);
        return Path.Combine(_folder, name);
    }

    [Fact]
    public void A_saved_bundle_reloads_with_its_manifest_attachments_and_identical_predictions()
    {
        string path = PathOf("model.galen");
        var model = new LinearModel([0.5, -1.25], 0.1);
        ModelBundle.Save(path, model, Manifest(), [new LinearCodec()], new Dictionary<string, byte[]> { ["evaluation.json"] = Encoding.UTF8.GetBytes("{}") });

        var loaded = ModelBundle.Load(path, [new LinearCodec()]);
        var inputs = new FeatureMatrix(Features, [1, 2, -3, 0.5f]);

        Assert.Equal(model.Predict(inputs).Values.ToArray(), loaded.ModelFor<FeatureMatrix>().Predict(inputs).Values.ToArray());
        Assert.Equal(ModelBundle.FormatVersion, loaded.Manifest.FormatVersion);
        Assert.Equal("test-linear", loaded.Manifest.Family);
        Assert.Equal(["linear.json"], loaded.Manifest.Entries);
        Assert.Equal(0.91, loaded.Manifest.Metrics["AUROC"]);
        Assert.True(double.IsNaN(loaded.Manifest.Metrics["ECE"]));
        Assert.Equal("B", loaded.Manifest.Features[1].DisplayName);
        Assert.Equal("unit test", loaded.Manifest.Card!.DataSource);
        Assert.Equal("{}", Encoding.UTF8.GetString(loaded.Attachments["evaluation.json"]));
    }

    [Fact]
    public void A_bundle_from_an_unknown_format_version_names_the_file_its_version_and_the_supported_versions()
    {
        string path = PathOf("old.galen");
        ModelBundle.Save(path, new LinearModel([1, 1], 0), Manifest(), [new LinearCodec()]);
        RewriteManifest(path, manifest => manifest["formatVersion"] = 0);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(path, [new LinearCodec()]));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("bundle format version 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("reads bundle format versions 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("older Galen", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_version_the_codec_cannot_read_is_a_clear_error()
    {
        string path = PathOf("future.galen");
        ModelBundle.Save(path, new LinearModel([1, 1], 0), Manifest(), [new LinearCodec(version: 7)]);

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(path, [new LinearCodec()]));

        Assert.Contains("test-linear payload has version 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("reads test-linear versions 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_bundle_says_so()
    {
        string path = PathOf("notes.galen");
        File.WriteAllText(path, "just text");

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(path, [new LinearCodec()]));

        Assert.Contains("not a zip file", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsUserError);
    }

    [Fact]
    public void An_unknown_family_names_the_codecs_that_are_known()
    {
        string path = PathOf("other.galen");
        ModelBundle.Save(path, new LinearModel([1, 1], 0), Manifest(), [new LinearCodec()]);
        RewriteManifest(path, manifest => manifest["family"] = "cnn");

        var error = Assert.Throws<BundleFormatException>(() => ModelBundle.Load(path, [new LinearCodec()]));

        Assert.Contains("'cnn' model", error.Message, StringComparison.Ordinal);
        Assert.Contains("known: test-linear", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprints_tell_data_sets_apart()
    {
        static LabelledSet<FeatureMatrix> Data(float first) => new(
            new FeatureMatrix(Features, [first, 2, 3, 4]),
            new TargetMatrix(LabelSchema.Binary("y", "outcome"), [0, 1]),
            [new SampleInfo("p1", "s1", null, new Dictionary<string, string>()), new SampleInfo("p1", "s2", null, new Dictionary<string, string>())]);

        Assert.Equal(DataFingerprint.Of(Data(1)), DataFingerprint.Of(Data(1)));
        Assert.NotEqual(DataFingerprint.Of(Data(1)).Sha256, DataFingerprint.Of(Data(1.5f)).Sha256);
        Assert.Equal(1, DataFingerprint.Of(Data(1)).Patients);
    }

    private static void RewriteManifest(string path, Action<JsonObject> change)
    {
        using var archive = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = archive.GetEntry("manifest.json")!;
        JsonObject manifest;
        using (var stream = entry.Open())
        {
            manifest = JsonNode.Parse(stream)!.AsObject();
        }

        change(manifest);
        entry.Delete();
        using var writer = new StreamWriter(archive.CreateEntry("manifest.json").Open());
        writer.Write(manifest.ToJsonString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
