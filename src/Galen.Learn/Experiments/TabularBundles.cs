using System.Text.Json;
using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Evaluation.Summaries;
using Galen.Learn.Configuration;
using Galen.Learn.Sources;
using Galen.Learn.Tabular;

namespace Galen.Learn.Experiments;

/// <summary>Saves and loads tabular models as bundles, with their evaluation and model-card facts.</summary>
public static class TabularBundles
{
    /// <summary>Name of the attachment that holds the <see cref="ModelEvaluation"/>.</summary>
    public const string EvaluationAttachment = "evaluation.json";

    /// <summary>The codecs the tabular family needs.</summary>
    public static IReadOnlyList<IModelCodec> Codecs { get; } = [new TabularModelCodec()];

    /// <summary>Writes one trained model to <paramref name="path"/>.</summary>
    public static BundleManifest Save(string path, TrainedModel model, TrainingData data, TrainingConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(configuration);
        var manifest = new BundleManifest
        {
            FormatVersion = ModelBundle.FormatVersion,
            Family = string.Empty,
            FamilyVersion = 0,
            Name = model.Name,
            Description = model.Model.Description,
            Schema = data.Data.Targets.Schema,
            Features = data.Data.Inputs.Features,
            CreatedUtc = DateTime.UtcNow,
            GalenVersion = ModelBundle.GalenVersion,
            TrainingData = DataFingerprint.Of(data.Data),
            Metrics = model.Evaluation.Metrics.ToDictionary(m => m.Name, m => m.Value),
            Card = data.Card,
            Properties = new Dictionary<string, string>
            {
                ["dataset"] = data.Name,
                ["configuration"] = JsonSerializer.Serialize(configuration, BundleJson.Options),
            },
        };
        var attachments = new Dictionary<string, byte[]>
        {
            [EvaluationAttachment] = JsonSerializer.SerializeToUtf8Bytes(model.Evaluation, BundleJson.Options),
        };
        return ModelBundle.Save(path, model.Model, manifest, Codecs, attachments);
    }

    /// <summary>Reads a bundle written by <see cref="Save"/>.</summary>
    public static LoadedBundle Load(string path) => ModelBundle.Load(path, Codecs);

    /// <summary>The evaluation a bundle carries, or null.</summary>
    public static ModelEvaluation? EvaluationOf(LoadedBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return bundle.Attachments.TryGetValue(EvaluationAttachment, out var bytes)
            ? JsonSerializer.Deserialize<ModelEvaluation>(bytes, BundleJson.Options)
            : null;
    }

    /// <summary>Checks that <paramref name="data"/> has the features the bundle's model expects, in order.</summary>
    public static void CheckFeatures(BundleManifest manifest, FeatureMatrix data, string source)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(data);
        var expected = manifest.Features.Select(f => f.Name).ToArray();
        var actual = data.Features.Select(f => f.Name).ToArray();
        var missing = expected.Except(actual, StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            throw new Core.Errors.GalenInputException(
                $"The data lacks {missing.Length} feature column(s) the model needs: {string.Join(", ", missing.Take(10))}{(missing.Length > 10 ? ", …" : string.Empty)}.",
                new Core.Errors.SourceLocation(source, 1, missing[0]),
                "Give data with the same columns the model was trained on.");
        }
    }

    /// <summary>The columns of <paramref name="data"/> reordered to the bundle's feature order (extra columns dropped).</summary>
    public static FeatureMatrix Align(BundleManifest manifest, FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(data);
        var index = manifest.Features.Select(f => data.IndexOf(f.Name)).ToArray();
        var values = new float[data.Rows * index.Length];
        for (int i = 0; i < data.Rows; i++)
        {
            for (int j = 0; j < index.Length; j++)
            {
                values[(i * index.Length) + j] = data[i, index[j]];
            }
        }

        return new FeatureMatrix(manifest.Features, values);
    }
}
