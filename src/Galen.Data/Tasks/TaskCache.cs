using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Galen.Core.Learning;
using Galen.Core.Learning.Sequences;

namespace Galen.Data.Tasks;

/// <summary>
/// Built tasks on disk, keyed by the store's data fingerprint, the task's name and parameters,
/// and the feature options, all together: readmission at 30 days and at 7 days are different
/// entries, and new data invalidates both (PyHealth keys on the dataset only, so changing a
/// task parameter there silently reuses stale samples). One binary file per entry.
/// </summary>
public sealed class TaskCache(string directory)
{
    private const string Magic = "GALEN-TASK";
    private const int FormatVersion = 1;

    public string Directory { get; } = directory;

    /// <summary>The key of a task build: hex SHA-256 of everything the samples depend on.</summary>
    public static string Key(string fingerprint, IClinicalTask task, FeatureOptions features)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(features);
        string text = $"v{FormatVersion}\n{fingerprint}\n{task.Name}\n{task.Parameters}\n{features.CacheText()}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The file an entry lives in.</summary>
    public string PathOf(string fingerprint, IClinicalTask task, FeatureOptions features) =>
        Path.Combine(Directory, $"{task.Name}-{Key(fingerprint, task, features)[..20]}.galentask");

    public TaskDataset? TryLoad(string fingerprint, IClinicalTask task, FeatureOptions features)
    {
        string path = PathOf(fingerprint, task, features);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            var dataset = Read(reader);
            return dataset.Fingerprint == fingerprint && dataset.Task == task.Name && dataset.Parameters == task.Parameters ? dataset : null;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException)
        {
            return null; // a damaged entry is rebuilt
        }
    }

    public void Save(string fingerprint, IClinicalTask task, FeatureOptions features, TaskDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        System.IO.Directory.CreateDirectory(Directory);
        string path = PathOf(fingerprint, task, features);
        string temporary = path + "." + Environment.ProcessId + ".tmp";
        try
        {
            using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
            {
                Write(writer, dataset);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary); // never leave half an entry behind (e.g. when the disk is full)
            throw;
        }
    }

    private static void Write(BinaryWriter w, TaskDataset d)
    {
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(d.Task);
        w.Write(d.Parameters);
        w.Write(d.Definition);
        w.Write(d.Fingerprint);
        var schema = d.Schema;
        w.Write(schema.Name);
        w.Write((int)schema.Kind);
        WriteStrings(w, schema.Classes);
        w.Write(schema.Description);
        WriteNullable(w, schema.Unit);
        w.Write(d.Samples.Count);
        foreach (var sample in d.Samples)
        {
            w.Write(sample.PatientKey);
            w.Write(sample.SampleKey);
            w.Write(sample.IndexTime?.Ticks ?? -1);
            w.Write(sample.Attributes.Count);
            foreach (var (key, value) in sample.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                w.Write(key);
                w.Write(value);
            }
        }

        WriteFloats(w, d.Tabular.Targets.Values);
        var features = d.Tabular.Inputs;
        w.Write(features.Columns);
        foreach (var spec in features.Features)
        {
            w.Write(spec.Name);
            w.Write(spec.DisplayName);
            w.Write((int)spec.Kind);
            WriteNullable(w, spec.Unit);
        }

        WriteFloats(w, features.Values);
        w.Write(d.Visits is not null);
        if (d.Visits is { } visits)
        {
            WriteStrings(w, visits.Inputs.Channels);
            foreach (var sequence in visits.Inputs.Sequences)
            {
                w.Write(sequence.Count);
                foreach (var visit in sequence)
                {
                    w.Write(visit.HoursBeforeIndex);
                    foreach (var codes in visit.CodesByChannel)
                    {
                        WriteStrings(w, codes);
                    }
                }
            }
        }

        w.Write(d.TimeSeries is not null);
        if (d.TimeSeries is { } series)
        {
            var s = series.Inputs;
            WriteStrings(w, s.Channels);
            foreach (var unit in s.Units)
            {
                WriteNullable(w, unit);
            }

            w.Write(s.Steps);
            w.Write(s.StepHours);
            WriteFloats(w, s.Values);
            WriteFloats(w, s.Mask);
        }
    }

    private static TaskDataset Read(BinaryReader r)
    {
        if (r.ReadString() != Magic || r.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("not a task cache entry of this version");
        }

        string task = r.ReadString(), parameters = r.ReadString(), definition = r.ReadString(), fingerprint = r.ReadString();
        var schema = new LabelSchema(r.ReadString(), (LabelKind)r.ReadInt32(), ReadStrings(r), r.ReadString(), ReadNullable(r));
        var samples = new SampleInfo[r.ReadInt32()];
        for (int i = 0; i < samples.Length; i++)
        {
            string patient = r.ReadString(), key = r.ReadString();
            long ticks = r.ReadInt64();
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int a = r.ReadInt32(); a > 0; a--)
            {
                attributes[r.ReadString()] = r.ReadString();
            }

            samples[i] = new SampleInfo(patient, key, ticks < 0 ? null : new DateTime(ticks), attributes);
        }

        var targets = new TargetMatrix(schema, ReadFloats(r));
        var specs = new FeatureSpec[r.ReadInt32()];
        for (int c = 0; c < specs.Length; c++)
        {
            specs[c] = new FeatureSpec(r.ReadString(), r.ReadString(), (FeatureKind)r.ReadInt32(), ReadNullable(r));
        }

        var tabular = new LabelledSet<FeatureMatrix>(new FeatureMatrix(specs, ReadFloats(r)), targets, samples);
        LabelledSet<VisitSequenceSet>? visits = null;
        if (r.ReadBoolean())
        {
            var channels = ReadStrings(r);
            var sequences = new IReadOnlyList<VisitCodes>[samples.Length];
            for (int i = 0; i < samples.Length; i++)
            {
                var sequence = new VisitCodes[r.ReadInt32()];
                for (int v = 0; v < sequence.Length; v++)
                {
                    double hours = r.ReadDouble();
                    var codes = new IReadOnlyList<string>[channels.Length];
                    for (int c = 0; c < channels.Length; c++)
                    {
                        codes[c] = ReadStrings(r);
                    }

                    sequence[v] = new VisitCodes(hours, codes);
                }

                sequences[i] = sequence;
            }

            visits = new LabelledSet<VisitSequenceSet>(new VisitSequenceSet(channels, sequences), targets, samples);
        }

        LabelledSet<TimeSeriesSet>? series = null;
        if (r.ReadBoolean())
        {
            var channels = ReadStrings(r);
            var units = new string?[channels.Length];
            for (int c = 0; c < units.Length; c++)
            {
                units[c] = ReadNullable(r);
            }

            int steps = r.ReadInt32();
            double stepHours = r.ReadDouble();
            series = new LabelledSet<TimeSeriesSet>(new TimeSeriesSet(channels, units, steps, stepHours, ReadFloats(r), ReadFloats(r)), targets, samples);
        }

        return new TaskDataset(task, parameters, definition, fingerprint, tabular, visits, series, FromCache: true);
    }

    private static void WriteStrings(BinaryWriter w, IReadOnlyList<string> values)
    {
        w.Write(values.Count);
        foreach (var value in values)
        {
            w.Write(value);
        }
    }

    private static string[] ReadStrings(BinaryReader r)
    {
        var values = new string[r.ReadInt32()];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadString();
        }

        return values;
    }

    private static void WriteNullable(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
        {
            w.Write(value);
        }
    }

    private static string? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void WriteFloats(BinaryWriter w, ReadOnlySpan<float> values)
    {
        w.Write(values.Length);
        w.Write(MemoryMarshal.AsBytes(values));
    }

    private static float[] ReadFloats(BinaryReader r)
    {
        var values = new float[r.ReadInt32()];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
