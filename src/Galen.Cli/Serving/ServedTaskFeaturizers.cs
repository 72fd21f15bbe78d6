using System.Collections.Concurrent;
using Galen.Core.Errors;
using Galen.Data.Scoring;
using Galen.Data.Tasks;
using Galen.Serve.Models;

namespace Galen.Cli.Serving;

/// <summary>
/// The task featurizer of each served model version, made once: the task comes from the
/// registry lineage (<see cref="ServingLineage"/> keys), else from the bundle manifest's outcome
/// name with the task's default parameters.
/// </summary>
public sealed class ServedTaskFeaturizers
{
    private readonly ConcurrentDictionary<string, Lazy<TaskFeaturizer>> _featurizers = new(StringComparer.Ordinal);

    /// <summary>The featurizer of <paramref name="model"/>; a <see cref="GalenInputException"/> when it was not trained on a clinical task's features.</summary>
    public TaskFeaturizer For(ServedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        string key = model.Entry.Key + "/" + model.Entry.BundleSha256;
        return _featurizers.GetOrAdd(key, _ => new Lazy<TaskFeaturizer>(() => Create(model))).Value;
    }

    private static TaskFeaturizer Create(ServedModel model)
    {
        if (model.Model is SequenceServedModel network)
        {
            return ForNetwork(model, network);
        }

        if (TaskFeaturizer.FeaturesNoTaskComputes(model.Features) is { Count: > 0 } unknown)
        {
            throw new GalenInputException(
                $"{model.Entry.Key} reads {unknown.Count} feature(s) that Galen's clinical tasks do not compute ({string.Join(", ", unknown.Take(5))}{(unknown.Count > 5 ? ", …" : string.Empty)}), so patients cannot be featurized for it from clinical records.",
                remedy: $"Send its features to /api/models/{model.Id}/predict, or serve a model trained on a clinical task.");
        }

        var lineage = model.Entry.Lineage.TaskParameters;
        var manifest = (model.Model as BundleServedModel)?.Manifest;
        string name = lineage.GetValueOrDefault(ServingLineage.Task)
            ?? manifest?.Properties.GetValueOrDefault(ServingLineage.Task)
            ?? model.Model.Outcome.Name;
        string? parameters = lineage.GetValueOrDefault(ServingLineage.TaskParameters) ?? manifest?.Properties.GetValueOrDefault(ServingLineage.TaskParameters);
        IClinicalTask task;
        try
        {
            task = ClinicalTasks.Create(name, parameters);
        }
        catch (GalenInputException e)
        {
            throw new GalenInputException(
                $"{model.Entry.Key} was not registered with a clinical task Galen can featurize patients for: {e.Message}",
                remedy: $"Register it with lineage taskParameters {{\"{ServingLineage.Task}\": \"in_hospital_mortality\", \"{ServingLineage.TaskParameters}\": \"observation_hours=48\"}} (one of {string.Join(", ", ClinicalTasks.Names)}), or send its features to /api/models/{model.Id}/predict.");
        }

        var options = new FeatureOptions();
        if (lineage.GetValueOrDefault(ServingLineage.FeatureOptions) is { } text && text.Contains("dx_at_discharge=False", StringComparison.OrdinalIgnoreCase))
        {
            options = options with { DiagnosesKnownAtDischarge = false };
        }

        return TaskFeaturizer.Create(task, model.Features, options, model.Entry.Key);
    }

    /// <summary>
    /// A sequence network's featurizer: the task and feature options its bundle recorded (window,
    /// step, diagnosis timing, as its training samples were built), else the registry lineage's
    /// task; over the task features its inputs are built from.
    /// </summary>
    private static TaskFeaturizer ForNetwork(ServedModel model, SequenceServedModel network)
    {
        IClinicalTask task;
        try
        {
            task = network.Task?.Create()
                ?? ClinicalTasks.Create(model.Entry.Lineage.TaskParameters.GetValueOrDefault(ServingLineage.Task) ?? model.Model.Outcome.Name, model.Entry.Lineage.TaskParameters.GetValueOrDefault(ServingLineage.TaskParameters));
        }
        catch (GalenInputException e)
        {
            throw new GalenInputException(
                $"{model.Entry.Key} is a sequence network without a clinical task Galen can build its inputs for: {e.Message}",
                remedy: "Serve a network trained by `galen train --task` or the demo (its bundle records the task and feature options).");
        }

        return TaskFeaturizer.Create(task, network.TaskFeatures, network.Options, model.Entry.Key);
    }
}
