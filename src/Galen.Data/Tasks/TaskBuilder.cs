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

    public TaskDataset Build(IClinicalTask task, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        string fingerprint = store.Fingerprint;
        if (cache?.TryLoad(fingerprint, task, _features) is { } cached)
        {
            return cached;
        }

        var loader = new TimelineLoader(store.Connection, _timelines);
        var preparation = new TaskPreparation(store, loader.Codes, loader.DataEnd);
        var schema = task.Prepare(preparation);
        var featureSchema = FeatureSchema.Create(preparation, _features);
        int steps = Math.Max(1, (int)Math.Round(_features.TimeSeriesHours / _features.TimeSeriesStepHours));
        bool visits = _features.Shapes.HasFlag(TaskShapes.Visits);
        bool series = _features.Shapes.HasFlag(TaskShapes.TimeSeries);
        int seriesWidth = steps * featureSchema.MeasurementConcepts.Length;
        long patientsTotal = Sql.Scalar<long>(store.Connection, "SELECT count(*) FROM person");

        var parts = new List<PatientPart>();
        long done = 0;
        foreach (var batch in loader.Batches(cancellationToken))
        {
            var results = new PatientPart[batch.Count];
            var workers = new ConcurrentBag<SampleFeatures>();
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken }, () => new SampleFeatures(featureSchema, _features, preparation), (p, _, worker) =>
            {
                var patient = batch[p];
                var samples = task.Samples(patient).ToArray();
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

                results[p] = new PatientPart(patient.Key, Attributes(patient), samples, rows, codes, values, mask);
                return worker;
            }, workers.Add);
            parts.AddRange(results);

            done += batch.Count;
            progress?.Report(new WorkProgress(task.Name, done, patientsTotal, $"{parts.Sum(p => p.Samples.Length):N0} samples"));
        }

        var dataset = Assemble(task, schema, fingerprint, featureSchema, parts, steps);
        cache?.Save(fingerprint, task, _features, dataset);
        return dataset;
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
