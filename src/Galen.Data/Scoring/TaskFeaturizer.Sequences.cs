using Galen.Core.Learning;
using Galen.Core.Learning.Sequences;
using Galen.Data.Tasks;
using Galen.Data.Timeline;

namespace Galen.Data.Scoring;

// Sequence inputs for one patient: the visit code sets and hourly series a task builds at training
// time, computed by the same SampleFeatures code, so a sequence network scores one new patient
// exactly as it scored the task's samples.
public sealed partial class TaskFeaturizer
{
    /// <summary>The suffixes of a lab or vital's six aggregate columns (last, mean, min, max, slope, count), in the task's order.</summary>
    public static IReadOnlyList<string> AggregateSuffixes => FeatureSchema.AggregateSuffixes;

    /// <summary>The column-name form of a code key, as the task's feature names use it (e.g. "LOINC:2160-0" → "LOINC_2160-0").</summary>
    public static string ColumnPrefix(string codeKey) => FeatureSchema.MachineName(codeKey);

    /// <summary>
    /// The task features a sequence model's inputs are built from: <paramref name="context"/>
    /// (the tabular columns a time-series model reads beside its series; the fixed columns when
    /// it reads none) followed by the six aggregate columns of each time-series channel, in
    /// channel order — the columns of the task's own tabular rows, so a model that also reads
    /// aggregates of its series finds them under their training names.
    /// </summary>
    /// <param name="context">Context features (task feature names), in the model's order.</param>
    /// <param name="channels">The series channels: code keys (e.g. "LOINC:2160-0") with their units.</param>
    public static IReadOnlyList<FeatureSpec> SequenceFeatures(IReadOnlyList<FeatureSpec> context, IReadOnlyList<FeatureSpec> channels)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(channels);
        var features = new List<FeatureSpec>(context.Count == 0 ? FeatureSchema.FixedFeatures : context);
        foreach (var channel in channels)
        {
            string name = FeatureSchema.MachineName(channel.Name);
            foreach (string suffix in FeatureSchema.AggregateSuffixes)
            {
                string? unit = suffix switch
                {
                    "_count" => null,
                    "_slope" => channel.Unit is null ? null : channel.Unit + "/day",
                    _ => channel.Unit,
                };
                features.Add(new FeatureSpec(name + suffix, channel.DisplayName + suffix.Replace('_', ' '), FeatureKind.Numeric, unit));
            }
        }

        return features;
    }

    /// <summary>
    /// A task dataset holding <paramref name="samples"/> of one patient, shaped as
    /// <see cref="TaskBuilder"/> shapes a task's samples: the tabular rows over this featurizer's
    /// features, each sample's visit code sets, and, when <paramref name="channels"/> is given,
    /// each sample's binned series over those channels (the featurizer's measurement columns, in
    /// their order) with the window and step of <see cref="Options"/>. Targets are unknown (NaN).
    /// </summary>
    /// <param name="patient">The patient's timeline (from the store or a FHIR Bundle).</param>
    /// <param name="samples">The samples to build, in order.</param>
    /// <param name="schema">The outcome the model predicts (the targets' shape).</param>
    /// <param name="channels">Channel names of the series (code keys, as the training series named them), or null for no series.</param>
    /// <param name="patientKey">The patient's key in the samples' information (never logged).</param>
    public TaskDataset Dataset(Patient patient, IReadOnlyList<TaskSample> samples, LabelSchema schema, IReadOnlyList<string>? channels, string patientKey)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(patientKey);
        if (channels is not null && channels.Count != _layout.Measurements.Count)
        {
            throw new ArgumentException($"{channels.Count} channel names for {_layout.Measurements.Count} measurement groups.", nameof(channels));
        }

        var bound = _bound.GetValue(patient.Codes, codes => Bind(codes));
        var worker = new SampleFeatures(bound.Schema, Options);
        int n = samples.Count;
        int width = Features.Count;
        var rows = new float[n * width];
        var full = new float[bound.Schema.Width];
        var visits = new IReadOnlyList<VisitCodes>[n];
        int steps = Math.Max(1, (int)Math.Round(Options.TimeSeriesHours / Options.TimeSeriesStepHours));
        int seriesWidth = steps * bound.Schema.MeasurementConcepts.Length;
        var values = channels is null ? null : new float[n * seriesWidth];
        var mask = channels is null ? null : new float[n * seriesWidth];
        var infos = new SampleInfo[n];
        for (int s = 0; s < n; s++)
        {
            var sample = samples[s];
            worker.Tabular(patient, sample, full);
            for (int j = 0; j < width; j++)
            {
                rows[(s * width) + j] = full[bound.Columns[j]];
            }

            visits[s] = worker.Visits(patient, sample);
            if (values is not null)
            {
                worker.TimeSeries(patient, sample, values.AsSpan(s * seriesWidth, seriesWidth), mask.AsSpan(s * seriesWidth, seriesWidth));
            }

            infos[s] = new SampleInfo(patientKey, sample.SampleKey, sample.IndexTime, new Dictionary<string, string>(StringComparer.Ordinal));
        }

        var targets = new float[n * (schema.Kind == LabelKind.Multiclass ? 1 : schema.Width)];
        Array.Fill(targets, float.NaN);
        var targetMatrix = new TargetMatrix(schema, targets);
        var tabular = new LabelledSet<FeatureMatrix>(new FeatureMatrix(Features, rows), targetMatrix, infos);
        var visitSet = new LabelledSet<VisitSequenceSet>(new VisitSequenceSet(["condition", "procedure", "drug"], visits), targetMatrix, infos);
        var seriesSet = values is null ? null
            : new LabelledSet<TimeSeriesSet>(new TimeSeriesSet(channels!, _layout.Measurements.Select(m => m.Unit).ToArray(), steps, Options.TimeSeriesStepHours, values, mask!), targetMatrix, infos);
        return new TaskDataset(Task.Name, Task.Parameters, Task.Definition, "one patient", tabular, visitSet, seriesSet, FromCache: false);
    }
}
