using Galen.Core.Bundles;
using Galen.Data.Scoring;
using Galen.Data.Tasks;
using Galen.Serve.Registry;

namespace Galen.Cli.Serving;

/// <summary>
/// The registry lineage of a model trained on a clinical task, with the keys the service reads
/// to featurize patients for it: the task's name and parameters and the feature options its rows
/// were built with. Training code that registers a task model should record these.
/// </summary>
public static class ServingLineage
{
    /// <summary>Lineage key of the task's name, e.g. "in_hospital_mortality".</summary>
    public const string Task = "task";

    /// <summary>Lineage key of the task's parameters in canonical text, e.g. "observation_hours=48".</summary>
    public const string TaskParameters = "task_parameters";

    /// <summary>Lineage key of the feature options' canonical text (<see cref="FeatureOptions.CacheText"/>).</summary>
    public const string FeatureOptions = "feature_options";

    /// <summary>Lineage of a bundle trained on <paramref name="task"/> rows built with <paramref name="options"/> from a store with <paramref name="storeFingerprint"/>.</summary>
    public static ModelLineage ForTask(BundleManifest manifest, IClinicalTask task, Data.Tasks.FeatureOptions options, string storeFingerprint)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(options);
        return new ModelLineage(
            $"store {storeFingerprint}; rows {manifest.TrainingData}",
            new Dictionary<string, string>
            {
                [Task] = task.Name,
                [TaskParameters] = task.Parameters,
                [FeatureOptions] = options.CacheText(),
                ["definition"] = task.Definition,
            },
            new Dictionary<string, string>(manifest.Properties),
            new Dictionary<string, double>(manifest.Metrics));
    }

    /// <summary>
    /// Lineage of a bundle from its manifest alone: its training-data fingerprint, settings and
    /// metrics, and its task when the outcome is a clinical task's (default parameters).
    /// </summary>
    public static ModelLineage FromManifest(BundleManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var task = new Dictionary<string, string>();
        if (ClinicalTasks.Names.Contains(manifest.Schema.Name, StringComparer.Ordinal))
        {
            task[Task] = manifest.Schema.Name;
        }

        return new ModelLineage(manifest.TrainingData.ToString(), task, new Dictionary<string, string>(manifest.Properties), new Dictionary<string, double>(manifest.Metrics));
    }
}
