using System.Collections.Concurrent;
using Galen.Core.Learning;
using Galen.Core.Learning.Sequences;
using Galen.Core.Progress;
using Galen.Data.Store;
using Galen.Data.Timeline;

namespace Galen.Data.Tasks;

/// <summary>
/// Builds a task's samples from a store: loads timelines in batches, runs the task on every
/// patient in parallel, computes each sample's features from what was known at its index time,
/// and assembles the shapes asked for in patient order (deterministic). Results are cached by
/// data fingerprint, task parameters and feature options together, so changing any of them
/// builds afresh.
/// </summary>
public sealed class TaskBuilder(ClinicalStore store, FeatureOptions? features = null, TaskCache? cache = null, TimelineOptions? timelines = null)
{
    private readonly FeatureOptions _features = features ?? new FeatureOptions();
    private readonly TimelineOptions _timelines = timelines ?? new TimelineOptions();

    /// <summary>The cache key of a task under these options and the store's current content.</summary>
    public string CacheKey(IClinicalTask task) => TaskCache.Key(store.Fingerprint, task, _features);

    /// <summary>
    /// These feature options with every automatic column choice (measurement, diagnosis, drug and
    /// procedure codes) replaced by the codes this store gives, so the same columns can be built
    /// from another store (e.g. when a saved model is evaluated on new data).
    /// </summary>
    public FeatureOptions ResolveFeatures()
    {
        var loader = new TimelineLoader(store.Connection, _timelines);
        return FeatureSchema.Create(new TaskPreparation(store, loader.Codes, loader.DataEnd), _features).Resolved(_features);
    }

    /// <summary>Builds one task (or reads it from the cache).</summary>
    public TaskDataset Build(IClinicalTask task, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Build([task], progress, cancellationToken)[0];
    }

    /// <summary>
    /// Builds several tasks in one pass over the timelines (each batch of patients is loaded
    /// once and every task run on it); tasks already in the cache are read from it.
    /// </summary>
    public IReadOnlyList<TaskDataset> Build(IReadOnlyList<IClinicalTask> tasks, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        string fingerprint = store.Fingerprint;
        var results = new TaskDataset?[tasks.Count];
        for (int t = 0; t < tasks.Count; t++)
        {
            results[t] = cache?.TryLoad(fingerprint, tasks[t], _features);
        }

        var pending = Enumerable.Range(0, tasks.Count).Where(t => results[t] is null).ToArray();
        if (pending.Length == 0)
        {
            return results!;
        }

        var loader = new TimelineLoader(store.Connection, _timelines);
        var preparation = new TaskPreparation(store, loader.Codes, loader.DataEnd);
        var schemas = pending.Select(t => tasks[t].Prepare(preparation)).ToArray();
        var featureSchema = FeatureSchema.Create(preparation, _features);
        int steps = Math.Max(1, (int)Math.Round(_features.TimeSeriesHours / _features.TimeSeriesStepHours));
        bool visits = _features.Shapes.HasFlag(TaskShapes.Visits);
        bool series = _features.Shapes.HasFlag(TaskShapes.TimeSeries);
        int seriesWidth = steps * featureSchema.MeasurementConcepts.Length;
        long patientsTotal = Sql.Scalar<long>(store.Connection, "SELECT count(*) FROM person");
        string stage = pending.Length == 1 ? tasks[pending[0]].Name : $"{pending.Length} tasks";

        var parts = pending.Select(_ => new List<PatientPart>()).ToArray();
        long done = 0;
        foreach (var batch in loader.Batches(cancellationToken))
        {
            var batchParts = pending.Select(_ => new PatientPart[batch.Count]).ToArray();
            var workers = new ConcurrentBag<SampleFeatures>();
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken }, () => new SampleFeatures(featureSchema, _features), (p, _, worker) =>
            {
                var patient = batch[p];
                var attributes = Attributes(patient);
                for (int k = 0; k < pending.Length; k++)
                {
                    var samples = tasks[pending[k]].Samples(patient).ToArray();
                    var rows = new float[samples.Length * featureSchema.Width];
                    var codes = visits ? new IReadOnlyList<VisitCodes>[samples.Length] : null;
                    var values = series ? new float[samples.Length * seriesWidth] : null;
                    var mask = series ? new float[samples.Length * seriesWidth] : null;
                    for (int s = 0; s < samples.Length; s++)
                    {
                        worker.Tabular(patient, samples[s], rows.AsSpan(s * featureSchema.Width, featureSchema.Width));
                        if (codes is not null)
                        {
                            codes[s] = worker.Visits(patient, samples[s]);
                        }

                        if (values is not null)
                        {
                            worker.TimeSeries(patient, samples[s], values.AsSpan(s * seriesWidth, seriesWidth), mask.AsSpan(s * seriesWidth, seriesWidth));
                        }
                    }

                    batchParts[k][p] = new PatientPart(patient.Key, attributes, samples, rows, codes, values, mask);
                }

                return worker;
            }, workers.Add);
            for (int k = 0; k < pending.Length; k++)
            {
                parts[k].AddRange(batchParts[k]);
            }

            done += batch.Count;
            progress?.Report(new WorkProgress(stage, done, patientsTotal, $"{parts.Sum(list => list.Sum(p => p.Samples.Length)):N0} samples"));
        }

        for (int k = 0; k < pending.Length; k++)
        {
            var task = tasks[pending[k]];
            var dataset = Assemble(task, schemas[k], fingerprint, featureSchema, parts[k], steps);
            cache?.Save(fingerprint, task, _features, dataset);
            results[pending[k]] = dataset;
        }

        return results!;
    }

    private TaskDataset Assemble(IClinicalTask task, LabelSchema schema, string fingerprint, FeatureSchema featureSchema, List<PatientPart> parts, int steps)
    {
        int n = parts.Sum(p => p.Samples.Length);
        int width = schema.Kind == LabelKind.Multiclass ? 1 : schema.Width;
        var targets = new float[n * width];
        var rows = new float[n * featureSchema.Width];
        var infos = new SampleInfo[n];
        var visitSequences = _features.Shapes.HasFlag(TaskShapes.Visits) ? new IReadOnlyList<VisitCodes>[n] : null;
        int seriesWidth = steps * featureSchema.MeasurementConcepts.Length;
        var values = _features.Shapes.HasFlag(TaskShapes.TimeSeries) ? new float[n * seriesWidth] : null;
        var mask = values is null ? null : new float[n * seriesWidth];
        int i = 0;
        foreach (var part in parts)
        {
            part.Rows.CopyTo(rows, (long)i * featureSchema.Width);
            part.Values?.CopyTo(values!, (long)i * seriesWidth);
            part.Mask?.CopyTo(mask!, (long)i * seriesWidth);
            for (int s = 0; s < part.Samples.Length; s++, i++)
            {
                var sample = part.Samples[s];
                if (sample.Target.Length != width)
                {
                    throw new InvalidOperationException($"{task.Name} gave a target of width {sample.Target.Length}; its schema needs {width}.");
                }

                sample.Target.CopyTo(targets, (long)i * width);
                var attributes = new Dictionary<string, string>(part.Attributes)
                {
                    [SampleInfo.AttributeNames.AgeBand] = AgeBand(rows[(long)i * featureSchema.Width]),
                };
                infos[i] = new SampleInfo(part.PatientKey, sample.SampleKey, sample.IndexTime, attributes);
                if (visitSequences is not null)
                {
                    visitSequences[i] = part.Visits![s];
                }
            }
        }

        var targetMatrix = new TargetMatrix(schema, targets);
        var tabular = new LabelledSet<FeatureMatrix>(new FeatureMatrix(featureSchema.Features, rows), targetMatrix, infos);
        var visitSet = visitSequences is null ? null
            : new LabelledSet<VisitSequenceSet>(new VisitSequenceSet(["condition", "procedure", "drug"], visitSequences), targetMatrix, infos);
        var seriesSet = values is null ? null
            : new LabelledSet<TimeSeriesSet>(new TimeSeriesSet(featureSchema.ChannelNames, featureSchema.Units, steps, _features.TimeSeriesStepHours, values, mask!), targetMatrix, infos);
        return new TaskDataset(task.Name, task.Parameters, task.Definition, fingerprint, tabular, visitSet, seriesSet, FromCache: false);
    }

    private static Dictionary<string, string> Attributes(Patient patient) => new(StringComparer.Ordinal)
    {
        [SampleInfo.AttributeNames.Sex] = patient.Sex switch { Sex.Female => "F", Sex.Male => "M", _ => "U" },
        [SampleInfo.AttributeNames.Ethnicity] = string.IsNullOrWhiteSpace(patient.Ethnicity) ? "unknown" : patient.Ethnicity,
    };

    /// <summary>Age band at the index time: 0-17, 18-39, 40-64, 65-79, 80+ (or unknown).</summary>
    private static string AgeBand(float age) =>
        float.IsNaN(age) ? "unknown" : age < 18 ? "0-17" : age < 40 ? "18-39" : age < 65 ? "40-64" : age < 80 ? "65-79" : "80+";

    private sealed record PatientPart(
        string PatientKey,
        Dictionary<string, string> Attributes,
        TaskSample[] Samples,
        float[] Rows,
        IReadOnlyList<VisitCodes>[]? Visits,
        float[]? Values,
        float[]? Mask);
}
