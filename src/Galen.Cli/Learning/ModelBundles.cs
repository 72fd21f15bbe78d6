using System.Text.Json;
using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Data.Tasks;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Deep.Persistence;
using Galen.Evaluation.Summaries;
using Galen.Learn.Experiments;
using Galen.Learn.Tabular;

namespace Galen.Cli.Learning;

/// <summary>
/// Saves and loads models of every family in Galen's one bundle format (Galen.Core/Bundles): ML.NET
/// models through the tabular codec, networks through the deep codec (weights, configuration and
/// vocabularies or scaling). A model trained on a clinical task also records the task and the
/// pinned feature options, so its samples can be built again from any store.
/// </summary>
public static class ModelBundles
{
    /// <summary>Bundle property: the task, as a <see cref="TaskSpec"/> in JSON.</summary>
    public const string TaskProperty = "task";

    /// <summary>Bundle property: the feature options the samples were built with, in JSON.</summary>
    public const string FeaturesProperty = "featureOptions";

    /// <summary>Bundle property: the samples the model reads ("tabular", "visit-sequences", "time-series").</summary>
    public const string InputsProperty = "inputs";

    /// <summary>Bundle property: the data fingerprint of the store the model was trained from.</summary>
    public const string StoreProperty = "storeFingerprint";

    /// <summary>Attachment holding the best achievable evaluation (true risks on the same test samples), when known.</summary>
    public const string ReferenceAttachment = "reference.json";

    /// <summary>The codecs of every model family in this build.</summary>
    public static IReadOnlyList<IModelCodec> Codecs { get; } = [new TabularModelCodec(), new DeepBundleCodec()];

    /// <summary>Reads a bundle of any family.</summary>
    public static LoadedBundle Load(string path) => ModelBundle.Load(path, Codecs);

    /// <summary>Writes one model of a task experiment, with its evaluation (and the true-risk reference when known).</summary>
    public static BundleManifest Save(string path, ExperimentModel model, TaskExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(result);
        var data = result.Data;
        var train = data.Dataset.Tabular.Select(result.Split.Train);
        var properties = new Dictionary<string, string>
        {
            ["dataset"] = data.Name,
            ["configuration"] = JsonSerializer.Serialize(result.Configuration, BundleJson.Options),
            [TaskProperty] = JsonSerializer.Serialize(data.Spec, BundleJson.Options),
            [FeaturesProperty] = JsonSerializer.Serialize(data.Features, BundleJson.Options),
            [InputsProperty] = model.Inputs,
            [StoreProperty] = data.Dataset.Fingerprint,
        };
        var manifest = new BundleManifest
        {
            FormatVersion = ModelBundle.FormatVersion,
            Family = string.Empty,
            FamilyVersion = 0,
            Name = model.Name,
            Description = model.Evaluation.Description,
            Schema = data.Dataset.Schema,
            Features = Features(model.Model, data),
            CreatedUtc = DateTime.UtcNow,
            GalenVersion = ModelBundle.GalenVersion,
            TrainingData = DataFingerprint.Of(train),
            Metrics = model.Evaluation.Metrics.ToDictionary(m => m.Name, m => m.Value),
            Card = data.Tabular.Card,
            Properties = properties,
        };
        var attachments = new Dictionary<string, byte[]>
        {
            [TabularBundles.EvaluationAttachment] = JsonSerializer.SerializeToUtf8Bytes(model.Evaluation, BundleJson.Options),
        };
        if (result.BestAchievable is { } reference)
        {
            attachments[ReferenceAttachment] = JsonSerializer.SerializeToUtf8Bytes(reference, BundleJson.Options);
        }

        return ModelBundle.Save(path, model.Model, manifest, Codecs, attachments);
    }

    /// <summary>The evaluation a bundle carries, or null.</summary>
    public static ModelEvaluation? EvaluationOf(LoadedBundle bundle) => TabularBundles.EvaluationOf(bundle);

    /// <summary>The best achievable evaluation a bundle carries (synthetic data), or null.</summary>
    public static ModelEvaluation? ReferenceOf(LoadedBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return bundle.Attachments.TryGetValue(ReferenceAttachment, out var bytes)
            ? JsonSerializer.Deserialize<ModelEvaluation>(bytes, BundleJson.Options)
            : null;
    }

    /// <summary>The task a bundle's model was trained on, or null for a model trained on a CSV.</summary>
    public static TaskSpec? TaskOf(BundleManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Properties.TryGetValue(TaskProperty, out var json) ? JsonSerializer.Deserialize<TaskSpec>(json, BundleJson.Options) : null;
    }

    /// <summary>The feature options a bundle's samples were built with, or null.</summary>
    public static FeatureOptions? FeaturesOf(BundleManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Properties.TryGetValue(FeaturesProperty, out var json) ? JsonSerializer.Deserialize<FeatureOptions>(json, BundleJson.Options) : null;
    }

    /// <summary>
    /// A bundle's predictions for every sample of a task built from a store, whatever the model
    /// reads: tabular columns matched by name, or the sequence inputs built the way it was trained.
    /// </summary>
    public static Predictions Predict(LoadedBundle bundle, TaskDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(dataset);
        return bundle.Model switch
        {
            TimeSeriesModel series => series.Predict(TaskInputs.TimeSeries(dataset, series.Encoding.Context?.Features.Select(f => f.Name).ToArray() ?? []).Inputs),
            VisitSequenceModel visits => visits.Predict(TaskInputs.Visits(dataset).Inputs),
            _ => PredictTabular(bundle, dataset.Tabular.Inputs, dataset.Task),
        };
    }

    private static Predictions PredictTabular(LoadedBundle bundle, FeatureMatrix rows, string source)
    {
        TabularBundles.CheckFeatures(bundle.Manifest, rows, source);
        return bundle.ModelFor<FeatureMatrix>().Predict(TabularBundles.Align(bundle.Manifest, rows));
    }

    /// <summary>What the model reads, as manifest features: tabular columns; channels then context for time series; none for visit codes.</summary>
    private static IReadOnlyList<FeatureSpec> Features(object model, TaskTrainingData data) => model switch
    {
        TimeSeriesModel series => [.. series.Encoding.Channels, .. series.Encoding.Context?.Features ?? []],
        VisitSequenceModel => [],
        _ => data.Dataset.Tabular.Inputs.Features,
    };
}
