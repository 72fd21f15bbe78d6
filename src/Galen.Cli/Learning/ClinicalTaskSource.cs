using System.Globalization;
using Galen.Core.Bundles;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Data.Store;
using Galen.Data.Tasks;
using Galen.Learn.Sources;

namespace Galen.Cli.Learning;

/// <summary>
/// A clinical task built from the store, ready for every model family: the task's samples in all
/// three shapes (tabular, visit sequences, time series), the tabular view with its model-card
/// facts, and the feature options with every column choice pinned (so a saved model's samples
/// can be built again from another store).
/// </summary>
/// <param name="Spec">The task as the user named it.</param>
/// <param name="Dataset">The samples.</param>
/// <param name="Tabular">The tabular view, named after the task, with model-card facts.</param>
/// <param name="Features">The feature options used, with explicit code lists.</param>
public sealed record TaskTrainingData(TaskSpec Spec, TaskDataset Dataset, TrainingData Tabular, FeatureOptions Features)
{
    /// <summary>Short name for files and leaderboards, e.g. "mortality".</summary>
    public string Name => Tabular.Name;
}

/// <summary>
/// Builds clinical tasks from a store for training and evaluation (<c>galen train --task</c>,
/// <c>galen evaluate --task</c>, the demo): every shape, one pass over the timelines for several
/// tasks, the task cache beside the store, and model-card facts from the task's definition.
/// </summary>
public static class ClinicalTaskSource
{
    /// <summary>Hours of hourly time series before the index time (the first day for early predictions).</summary>
    public const double TimeSeriesHours = 24;

    /// <summary>Galen's feature options for model training: every shape, hourly series over the last 24 hours.</summary>
    public static FeatureOptions DefaultFeatures { get; } = new()
    {
        Shapes = TaskShapes.All,
        TimeSeriesHours = TimeSeriesHours,
        TimeSeriesStepHours = 1,
    };

    /// <summary>
    /// Builds the named tasks in one pass. <paramref name="features"/> null: Galen's defaults with
    /// the columns this store gives, pinned. With <paramref name="cache"/>, the store's task cache
    /// (<c>STORE.tasks</c>) is read and written.
    /// </summary>
    public static IReadOnlyList<TaskTrainingData> Load(
        ClinicalStore store,
        IReadOnlyList<TaskSpec> specs,
        FeatureOptions? features = null,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default,
        bool cache = true)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(specs);
        features ??= new TaskBuilder(store, DefaultFeatures).ResolveFeatures();
        var taskCache = !cache || store.Path == ":memory:" ? null : new TaskCache(store.Path + ".tasks");
        var builder = new TaskBuilder(store, features, taskCache);
        var datasets = builder.Build(specs.Select(s => s.Create()).ToArray(), progress, cancellationToken);
        return datasets.Select((dataset, i) => From(specs[i], dataset, features, Path.GetFileName(store.Path))).ToArray();
    }

    /// <summary>The training view of a built task, with its model-card facts.</summary>
    public static TaskTrainingData From(TaskSpec spec, TaskDataset dataset, FeatureOptions features, string storeName)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(features);
        if (dataset.Count == 0)
        {
            throw new GalenInputException(
                $"The task '{spec.Name}' has no samples in this store.",
                new SourceLocation(storeName),
                "Check that the store holds inpatient visits (and, for later-visit tasks, patients with several visits).");
        }

        var card = Card(dataset, features, storeName);
        return new TaskTrainingData(spec, dataset, new TrainingData(spec.Name.Trim().ToLowerInvariant(), dataset.Tabular, card, []), features);
    }

    private static ModelCardFacts Card(TaskDataset dataset, FeatureOptions features, string storeName)
    {
        var summary = dataset.Summarize();
        var times = dataset.Samples.Where(s => s.IndexTime is not null).Select(s => s.IndexTime!.Value).ToArray();
        string? dates = times.Length == 0 ? null
            : string.Create(CultureInfo.InvariantCulture, $"prediction times from {times.Min():yyyy-MM} to {times.Max():yyyy-MM} (month precision)");
        var names = dataset.Tabular.Inputs.Features.Select(f => f.Name).ToArray();
        int diagnoses = names.Count(n => n.StartsWith("dx_", StringComparison.Ordinal));
        int drugs = names.Count(n => n.StartsWith("rx_", StringComparison.Ordinal));
        int procedures = names.Count(n => n.StartsWith("px_", StringComparison.Ordinal));
        int measurements = dataset.TimeSeries?.Inputs.Channels.Count ?? features.MeasurementCodes?.Count ?? 0;
        string predictors = string.Create(CultureInfo.InvariantCulture,
            $"{names.Length} features known at the prediction time: age, sex, earlier inpatient visits (all and in the last year), days since the last discharge, elective admission, counts of codes and results in the window; {diagnoses} diagnosis categories coded by the prediction time ({(features.DiagnosesKnownAtDischarge ? "a visit's diagnoses count only from its discharge" : "as dated")}); {drugs} drugs started and {procedures} procedures done in the window; last, mean, lowest, highest, trend and count of {measurements} labs and vital signs in the window. ")
            + (dataset.TimeSeries is { } series
                ? string.Create(CultureInfo.InvariantCulture, $"Sequence models read the same information as hourly series of the {series.Inputs.Channels.Count} labs and vitals over the {series.Inputs.Steps * series.Inputs.StepHours:0.#} h before the prediction, with the other features as context, or as visit code sets.")
                : string.Empty);
        string missing = string.Create(CultureInfo.InvariantCulture,
            $"{summary.MissingFraction:P1} of tabular values missing (a lab not measured in the window, no earlier discharge); tabular models impute the training median and add a 0/1 missing indicator per affected column; sequence models carry a channel's last value forward with a measured/missing mask and read a missing context value as the training mean.");
        return new ModelCardFacts(
            DataSource: $"clinical store {storeName} (data fingerprint {dataset.Fingerprint[..Math.Min(12, dataset.Fingerprint.Length)]}…)",
            DataDates: dates,
            Cohort: string.Create(CultureInfo.InvariantCulture, $"{summary.Samples:N0} samples from {summary.Patients:N0} patients: {FirstSentence(dataset.Definition)}"),
            Outcome: dataset.Definition,
            Predictors: predictors,
            MissingData: missing,
            IntendedUse: "Ranking inpatients by risk for research and for testing Galen's pipeline; not validated for clinical decisions.",
            Limitations: "One store, one hold-out split by patient; no external or temporal validation; features are chosen by how many patients have each code, not by clinical review.");
    }

    private static string FirstSentence(string text)
    {
        int cut = text.IndexOf("; ", StringComparison.Ordinal);
        return cut > 0 ? text[..cut] + "." : text;
    }
}
