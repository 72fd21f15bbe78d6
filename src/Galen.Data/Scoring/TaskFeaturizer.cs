using System.Runtime.CompilerServices;
using Galen.Core.Clinical;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Data.Tasks;
using Galen.Data.Timeline;

namespace Galen.Data.Scoring;

/// <summary>
/// A trained model's features for any patient timeline — one from the store or one built in
/// memory from a FHIR Bundle — computed by the task's own feature code (the code that made the
/// model's training rows), so scoring one new patient gives the same values as the batch task
/// gives the same patient. Built once per model from its feature list and its task; safe to use
/// from several threads.
/// </summary>
public sealed partial class TaskFeaturizer
{
    private readonly TaskFeatureLayout _layout;
    private readonly Dictionary<string, string?> _unitByPrefix;
    private readonly ConditionalWeakTable<CodeTable, BoundSchema> _bound = [];

    private TaskFeaturizer(IClinicalTask task, IReadOnlyList<FeatureSpec> features, TaskFeatureLayout layout, FeatureOptions options)
    {
        Task = task;
        Features = features;
        Options = options;
        _layout = layout;
        _unitByPrefix = layout.Measurements.ToDictionary(m => m.Prefix, m => m.Unit, StringComparer.Ordinal);
    }

    /// <summary>The task whose samples (index time, window, current visit) the rows are computed for.</summary>
    public IClinicalTask Task { get; }

    /// <summary>The model's features, in its order.</summary>
    public IReadOnlyList<FeatureSpec> Features { get; }

    /// <summary>The feature options the model's task rows were built with.</summary>
    public FeatureOptions Options { get; }

    /// <summary>
    /// The featurizer for a model trained on <paramref name="task"/> rows with
    /// <paramref name="features"/>; a <see cref="GalenInputException"/> when a feature is not one
    /// the task computes.
    /// </summary>
    public static TaskFeaturizer Create(IClinicalTask task, IReadOnlyList<FeatureSpec> features, FeatureOptions? options = null, string? modelName = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(features);
        var layout = TaskFeatureLayout.Parse(features, modelName ?? "The model");
        return new TaskFeaturizer(task, features, layout, options ?? new FeatureOptions());
    }

    /// <summary>The names among <paramref name="features"/> that no clinical task computes (empty for a task model).</summary>
    public static IReadOnlyList<string> FeaturesNoTaskComputes(IReadOnlyList<FeatureSpec> features) => TaskFeatureLayout.Unknown(features);

    /// <summary>
    /// The unit the model's columns for <paramref name="code"/> are in; false when the model has
    /// no columns for the code (its values then only count towards the number of results).
    /// </summary>
    public bool TryGetUnit(ClinicalCode code, out string? unit)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _unitByPrefix.TryGetValue(FeatureSchema.MachineName(code.Key), out unit);
    }

    /// <summary>The model's row for one sample of a patient.</summary>
    public float[] Row(Patient patient, TaskSample sample)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(sample);
        var bound = _bound.GetValue(patient.Codes, codes => Bind(codes));
        var full = new float[bound.Schema.Width];
        new SampleFeatures(bound.Schema, Options).Tabular(patient, sample, full);
        var row = new float[Features.Count];
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = full[bound.Columns[i]];
        }

        return row;
    }

    /// <summary>Rows for every sample the task draws from the patient, oldest first.</summary>
    public IReadOnlyList<FeatureRow> Samples(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return Task.Samples(patient).OrderBy(s => s.IndexTime).Select(s => new FeatureRow(s, Row(patient, s), IsTaskSample: true)).ToArray();
    }

    /// <summary>
    /// The patient's current row: the task's sample for the latest inpatient stay; when the task
    /// has none for it (a stay shorter than the task's observation window so far, or one still in
    /// progress that the task would label later), the row at the earlier of
    /// <paramref name="asOf"/> and the stay's end, over the stay so far. A
    /// <see cref="GalenInputException"/> when the patient has no inpatient stay.
    /// </summary>
    public FeatureRow Current(Patient patient, DateTime asOf)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var inpatient = VisitRules.Inpatient(patient);
        if (inpatient.Count == 0)
        {
            throw new GalenInputException(
                $"The patient has no inpatient stay, and {Task.Name} scores inpatient stays ({Task.Definition})",
                remedy: "Include the patient's inpatient Encounter (class IMP).");
        }

        int latest = inpatient[^1];
        var sample = Task.Samples(patient).Where(s => s.CurrentVisit == latest).MaxBy(s => s.IndexTime);
        if (sample is not null)
        {
            return new FeatureRow(sample, Row(patient, sample), IsTaskSample: true);
        }

        var visit = patient.Visits[latest];
        var index = asOf < visit.End ? asOf : visit.End;
        if (index < visit.Start)
        {
            index = visit.Start;
        }

        var current = new TaskSample("current", index, visit.Start, latest, [float.NaN]);
        return new FeatureRow(current, Row(patient, current), IsTaskSample: false);
    }

    /// <summary>
    /// The patient's rows over time for a trend, oldest first, the last being
    /// <see cref="Current"/>: the task's samples of earlier stays, then the current row.
    /// </summary>
    public IReadOnlyList<FeatureRow> History(Patient patient, DateTime asOf)
    {
        var current = Current(patient, asOf);
        var earlier = Task.Samples(patient).Where(s => s.CurrentVisit != current.Sample.CurrentVisit && s.IndexTime <= current.Sample.IndexTime).OrderBy(s => s.IndexTime);
        return [.. earlier.Select(s => new FeatureRow(s, Row(patient, s), IsTaskSample: true)), current];
    }

    private BoundSchema Bind(CodeTable codes)
    {
        var schema = FeatureSchema.Restore(_layout, codes);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < schema.Features.Count; j++)
        {
            index.TryAdd(schema.Features[j].Name, j);
        }

        return new BoundSchema(schema, Features.Select(f => index[f.Name]).ToArray());
    }

    private sealed record BoundSchema(FeatureSchema Schema, int[] Columns);
}
