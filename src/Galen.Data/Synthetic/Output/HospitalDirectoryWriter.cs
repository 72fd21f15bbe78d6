using System.Text.Json;
using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Synthetic.Output;

/// <summary>
/// Writes a synthetic hospital into a folder: the format's own tables (from a subclass), plus
/// what every format shares — ground truth, note annotations, the generator's knowledge and
/// manifest.json (docs/data-formats.md). Each batch is rendered in parallel chunks into memory
/// and appended to the files in patient order, so output is byte-identical for a seed.
/// </summary>
public abstract class HospitalDirectoryWriter : IHospitalWriter
{
    private const int AdmissionsTruth = 0;
    private const int PatientsTruth = 1;
    private const int TrajectoriesTruth = 2;
    private const int Annotations = 3;

    private static readonly TableFile[] CommonTables =
    [
        new("ground_truth/admissions.csv", GroundTruthColumns.Admissions, Compressible: false),
        new("ground_truth/patients.csv", GroundTruthColumns.Patients, Compressible: false),
        new("ground_truth/lab_trajectories.csv", GroundTruthColumns.Trajectories, Compressible: false),
        new("notes/annotations.jsonl", null, Compressible: false),
    ];

    private readonly List<OutputFileInfo> _staticFiles = [];
    private TableFile[] _tables = [];
    private TableSink[] _sinks = [];
    private long[] _nextIds = [];
    private int _formatTableCount;
    private SyntheticHospitalOptions? _options;

    /// <param name="directory">Output folder; created if missing.</param>
    /// <param name="compress">Gzip the format's tables (<c>.csv.gz</c>); ground truth stays plain.</param>
    protected HospitalDirectoryWriter(string directory, bool compress)
    {
        OutputDirectory = Path.GetFullPath(directory);
        Compress = compress;
    }

    public string OutputDirectory { get; }

    public bool Compress { get; }

    /// <summary>"mimic", "omop" or "fhir", as written in the manifest.</summary>
    protected abstract string FormatName { get; }

    /// <summary>The format's streamed tables, in the order <see cref="Render"/> indexes them.</summary>
    private protected abstract IReadOnlyList<TableFile> FormatTables { get; }

    /// <summary>How many kinds of row identifiers the format numbers (OMOP and FHIR ids).</summary>
    private protected virtual int IdKinds => 0;

    /// <summary>Rows of each identifier kind a patient needs.</summary>
    private protected virtual void CountIds(SyntheticPatient patient, Span<long> counts)
    {
    }

    /// <summary>Renders one patient into the format's tables. Runs in parallel; must not touch shared state.</summary>
    /// <param name="patient">The patient.</param>
    /// <param name="rows">One buffer per format table, in <see cref="FormatTables"/> order.</param>
    /// <param name="firstIds">The first identifier of each kind reserved for this patient.</param>
    private protected abstract void Render(SyntheticPatient patient, Utf8Rows[] rows, ReadOnlySpan<long> firstIds);

    /// <summary>Files a format writes outside its streamed tables (FHIR bundles), for the manifest.</summary>
    private protected virtual IEnumerable<OutputFileInfo> ExtraFiles() => [];

    /// <summary>Writes files that do not depend on patients (dictionaries, concepts).</summary>
    private protected virtual void WriteStaticFiles(HospitalSetting setting)
    {
    }

    /// <summary>Writes a whole small table at once (dictionaries, knowledge).</summary>
    private protected void WriteWholeTable(TableFile table, Action<Utf8Rows> fill)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(fill);
        using var sink = new TableSink(OutputDirectory, table, Compress);
        using var rows = new Utf8Rows();
        fill(rows);
        sink.Append(rows.Written, rows.Rows);
        long rowCount = sink.Rows;
        string path = sink.RelativePath;
        _staticFiles.Add(new OutputFileInfo(path, rowCount, sink.Close()));
    }

    public void Begin(HospitalSetting setting, SyntheticHospitalOptions options)
    {
        ArgumentNullException.ThrowIfNull(setting);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Directory.CreateDirectory(OutputDirectory);
        _tables = [.. FormatTables, .. CommonTables];
        _formatTableCount = FormatTables.Count;
        _sinks = _tables.Select(t => new TableSink(OutputDirectory, t, Compress)).ToArray();
        _nextIds = Enumerable.Repeat(1L, IdKinds).ToArray();
        WriteStaticFiles(setting);
        KnowledgeFiles.Write(WriteWholeTable);

        // A provisional manifest marks the folder as a synthetic hospital from the start, so an
        // interrupted run can be replaced with --overwrite; Complete rewrites it with the counts.
        var planned = _staticFiles.Concat(_sinks.Select(s => new OutputFileInfo(s.RelativePath, 0, 0))).Concat(ExtraFiles()).ToList();
        WriteManifest(planned, null);
    }

    public void Write(IReadOnlyList<SyntheticPatient> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_options is null)
        {
            throw new InvalidOperationException("Begin must be called before Write.");
        }

        int n = batch.Count;
        var firstIds = new long[n * Math.Max(1, IdKinds)];
        if (IdKinds > 0)
        {
            Span<long> counts = stackalloc long[IdKinds];
            for (int i = 0; i < n; i++)
            {
                counts.Clear();
                CountIds(batch[i], counts);
                for (int k = 0; k < IdKinds; k++)
                {
                    firstIds[(i * IdKinds) + k] = _nextIds[k];
                    _nextIds[k] += counts[k];
                }
            }
        }

        int chunkCount = Math.Max(1, Math.Min(n, _options.MaxDegreeOfParallelism * 4));
        var rendered = new Utf8Rows[chunkCount][];
        Parallel.For(0, chunkCount, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism }, c =>
        {
            var rows = new Utf8Rows[_tables.Length];
            for (int t = 0; t < rows.Length; t++)
            {
                rows[t] = new Utf8Rows();
            }

            int from = (int)((long)n * c / chunkCount);
            int to = (int)((long)n * (c + 1) / chunkCount);
            var formatRows = rows[.._formatTableCount];
            for (int i = from; i < to; i++)
            {
                Render(batch[i], formatRows, IdKinds > 0 ? firstIds.AsSpan(i * IdKinds, IdKinds) : default);
                RenderCommon(batch[i], rows);
            }

            rendered[c] = rows;
        });

        foreach (var rows in rendered)
        {
            for (int t = 0; t < rows.Length; t++)
            {
                _sinks[t].Append(rows[t].Written, rows[t].Rows);
                rows[t].Dispose();
            }
        }
    }

    public IReadOnlyList<OutputFileInfo> Complete(SyntheticHospitalSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var files = new List<OutputFileInfo>(_staticFiles);
        foreach (var sink in _sinks)
        {
            long rows = sink.Rows;
            string path = sink.RelativePath;
            files.Add(new OutputFileInfo(path, rows, sink.Close()));
        }

        _sinks = [];
        files.AddRange(ExtraFiles());
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        WriteManifest(files, summary);
        return files;
    }

    public void Dispose()
    {
        foreach (var sink in _sinks)
        {
            sink.Dispose();
        }

        _sinks = [];
        GC.SuppressFinalize(this);
    }

    private void WriteManifest(List<OutputFileInfo> files, SyntheticHospitalSummary? summary)
    {
        var options = _options!;
        using var stream = new FileStream(Path.Combine(OutputDirectory, SyntheticHospitalManifest.FileName), FileMode.Create, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("generator", SyntheticHospitalManifest.Generator);
        json.WriteNumber("model_version", SyntheticHospital.ModelVersion);
        json.WriteNumber("seed", options.Seed);
        json.WriteNumber("patients", options.Patients);
        json.WriteString("format", FormatName);
        json.WriteBoolean("compressed", Compress);
        json.WriteBoolean("complete", summary is not null);
        if (summary is null)
        {
            WriteFiles(json, files);
            json.WriteEndObject();
            return;
        }

        json.WriteString("note_templates", summary.NoteTemplates);
        if (summary.LatestTime is { } latest)
        {
            // The end of the hospital's clock: ingest checks "future dates" against it (docs/data-layer.md).
            json.WriteString("latest_time", latest.ToString(SyntheticHospitalManifest.TimeFormat, System.Globalization.CultureInfo.InvariantCulture));
        }

        json.WriteStartObject("counts");
        json.WriteNumber("admissions", summary.Admissions);
        json.WriteNumber("in_hospital_deaths", summary.InHospitalDeaths);
        json.WriteNumber("readmissions_30d", summary.Readmissions30Days);
        json.WriteNumber("icu_stays", summary.IcuStays);
        json.WriteNumber("notes", summary.Notes);
        json.WriteNumber("phi_spans", summary.PhiSpans);
        json.WriteNumber("lab_results", summary.LabResults);
        json.WriteNumber("vital_signs", summary.VitalSigns);
        json.WriteNumber("diagnoses", summary.Diagnoses);
        json.WriteNumber("procedures", summary.Procedures);
        json.WriteNumber("prescriptions", summary.Prescriptions);
        json.WriteEndObject();
        json.WriteStartObject("rates");
        json.WriteNumber("in_hospital_mortality", summary.InHospitalMortalityRate);
        json.WriteNumber("mean_p_in_hospital_death", summary.MeanDeathProbability);
        json.WriteNumber("readmission_30d", summary.ReadmissionRate);
        json.WriteNumber("mean_p_readmit_30d", summary.MeanReadmissionProbability);
        json.WriteNumber("mean_length_of_stay_days", summary.MeanLengthOfStayDays);
        json.WriteEndObject();
        WriteFiles(json, files);
        json.WriteEndObject();
    }

    private static void WriteFiles(Utf8JsonWriter json, List<OutputFileInfo> files)
    {
        json.WriteStartArray("files");
        foreach (var file in files)
        {
            json.WriteStartObject();
            json.WriteString("path", file.Path);
            json.WriteNumber("rows", file.Rows);
            json.WriteNumber("bytes", file.Bytes);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void RenderCommon(SyntheticPatient patient, Utf8Rows[] rows)
    {
        foreach (var a in patient.Admissions)
        {
            GroundTruthColumns.WriteAdmission(rows[rows.Length - CommonTables.Length + AdmissionsTruth], patient, a);
            foreach (var note in a.Notes)
            {
                WriteAnnotation(rows[rows.Length - CommonTables.Length + Annotations], patient, a, note);
            }
        }

        GroundTruthColumns.WritePatient(rows[rows.Length - CommonTables.Length + PatientsTruth], patient);
        foreach (var point in patient.Trajectories)
        {
            GroundTruthColumns.WriteTrajectory(rows[rows.Length - CommonTables.Length + TrajectoriesTruth], patient, point);
        }
    }

    private static void WriteAnnotation(Utf8Rows rows, SyntheticPatient patient, SyntheticAdmission admission, ClinicalNote note)
    {
        rows.Raw("{\"note_id\":").Raw(note.NoteId).Raw(",\"subject_id\":").Raw(patient.SubjectId).Raw(",\"hadm_id\":").Raw(admission.HadmId).Raw(",\"spans\":[");
        for (int i = 0; i < note.Spans.Count; i++)
        {
            var span = note.Spans[i];
            rows.Raw(i > 0 ? ",{\"start\":" : "{\"start\":").Raw(span.Start).Raw(",\"length\":").Raw(span.Length).Raw(",\"type\":\"").Raw(PhiTypeNames[(int)span.Type]).Raw("\"}");
        }

        rows.Raw("]}").EndRow();
    }

    private static readonly string[] PhiTypeNames = Enum.GetNames<Galen.Core.Privacy.PhiType>();
}
