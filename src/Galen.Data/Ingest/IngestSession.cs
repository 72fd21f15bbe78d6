using System.Diagnostics;
using System.Text;
using DuckDB.NET.Data;
using Galen.Core.Errors;
using Galen.Core.Progress;
using Galen.Data.Store;

namespace Galen.Data.Ingest;

/// <summary>
/// The state of one ingest run against a store: the keys of patients and visits already
/// stored, the concept dictionary, id sequences, one <see cref="TableWriter"/> per table, and
/// the quarantine ledger. Work happens in transactions (one per file for CSV formats), so an
/// interrupted run leaves the store as it was before the file being read.
/// </summary>
internal sealed class IngestSession : IDisposable
{
    private readonly Dictionary<string, TableWriter> _writers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IdSequence> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<(string File, string Table, QuarantineReason Reason), QuarantineSummary> _ledger = [];
    private readonly List<IngestFileReport> _files = [];
    private readonly List<string> _notes = [];
    private readonly List<(string Identity, string File, string Hash, long Bytes)> _previousFiles = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _sourcePath;
    private readonly string? _storeMemoryLimit;
    private int _nextFileId;
    private bool _inTransaction;

    // storeMemoryLimit: the store's own DuckDB memory limit, set again when the session ends;
    // the ingest runs under IngestOptions.DuckDbMemoryLimit meanwhile. Null keeps the limit as it
    // is (an in-memory store has no file to spill written blocks to).
    public IngestSession(DuckDBConnection connection, IngestFormat format, string sourcePath, IngestOptions options, IProgress<WorkProgress>? progress, CancellationToken cancellation, string? storeMemoryLimit = null)
    {
        Connection = connection;
        Format = format;
        Options = options;
        Progress = progress;
        Cancellation = cancellation;
        _sourcePath = sourcePath;
        LatestValidTicks = LatestValidTime(options, sourcePath).Ticks;
        Queue = new AppendQueue();

        // Appends run on Galen's own append thread; DuckDB's worker pool only competes with the
        // parser for the cores (measured: less CPU and wall time with one DuckDB thread).
        Sql.Execute(Connection, "SET threads = 1");

        // A file is one transaction, and DuckDB keeps the blocks it has written for it in its
        // buffer pool up to the memory limit (the store's, 1 GB by default), so peak memory grew
        // with the size of a NOTEEVENTS file. The ingest's own, lower limit makes DuckDB drop
        // written blocks sooner; the store's limit is back once the ingest is over.
        _storeMemoryLimit = storeMemoryLimit;
        if (storeMemoryLimit is not null)
        {
            Sql.Execute(Connection, $"SET memory_limit = '{options.DuckDbMemoryLimit.Replace("'", string.Empty, StringComparison.Ordinal)}'");
        }
        LoadState();
        RunId = (Sql.Scalar<int?>(Connection, "SELECT max(run_id) FROM ingest_run") ?? 0) + 1;
        Sql.Execute(Connection, "INSERT INTO ingest_run VALUES (?, ?, ?, ?, NULL, 'running')", RunId, FormatName(format), Path.GetFileName(Path.TrimEndingDirectorySeparator(sourcePath)), DateTime.UtcNow);
    }

    public DuckDBConnection Connection { get; }

    public AppendQueue Queue { get; }

    public IngestFormat Format { get; }

    public IngestOptions Options { get; }

    public IProgress<WorkProgress>? Progress { get; }

    public CancellationToken Cancellation { get; }

    public int RunId { get; }

    /// <summary>Ticks after which a date is a "future date".</summary>
    public long LatestValidTicks { get; }

    public KeyIndex<PersonEntry> Persons { get; } = new();

    public KeyIndex<VisitEntry> Visits { get; } = new();

    public KeyIndex<VisitEntry> Stays { get; } = new();

    public ConceptDictionary Concepts { get; } = new();

    /// <summary>Source item dictionaries (e.g. MIMIC ITEMID → concept), keyed by (source, item id).</summary>
    public Dictionary<(string Source, long Item), int> Items { get; } = [];

    /// <summary>The file being read, for errors that concern the whole file.</summary>
    public SourceFile? CurrentFile { get; private set; }

    public static string FormatName(IngestFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>The writer for a store table, opened on first use in the current transaction.</summary>
    public TableWriter Writer(string table)
    {
        if (!_writers.TryGetValue(table, out var writer))
        {
            writer = new TableWriter(Connection, table, Queue);
            _writers[table] = writer;
        }

        return writer;
    }

    /// <summary>The primary keys of a table; take one per row with <see cref="IdSequence.Next"/>.</summary>
    public IdSequence Ids(string table) => _ids[table];

    /// <summary>Notes something the user should know, once.</summary>
    public void Note(string note)
    {
        if (!_notes.Contains(note))
        {
            _notes.Add(note);
        }
    }

    /// <summary>Drops half-written rows of every writer (a record that failed while being written).</summary>
    public void DiscardPartialRows()
    {
        foreach (var writer in _writers.Values)
        {
            writer.DiscardRow();
        }
    }

    /// <summary>Runs SQL inside the current transaction after every queued row is stored.</summary>
    public int Execute(string sql, params object?[] parameters)
    {
        CloseWriters();
        return Sql.Execute(Connection, sql, parameters);
    }

    /// <summary>Runs <paramref name="body"/> in one transaction: all of it is stored, or none of it.</summary>
    public void InTransaction(Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Sql.Execute(Connection, "BEGIN TRANSACTION");
        _inTransaction = true;
        try
        {
            body();
            CloseWriters();
            Sql.Execute(Connection, "COMMIT");
            _inTransaction = false;
        }
        catch
        {
            Abort();
            throw;
        }
    }

    /// <summary>
    /// Opens a file for ingest, or returns null (and reports it) when the store already holds
    /// these exact bytes. A different file for a table the store already loaded is refused:
    /// re-reading it would duplicate the rows it shares with the earlier version.
    /// </summary>
    public FileContext? BeginFile(SourceFile file, string identity)
    {
        ArgumentNullException.ThrowIfNull(file);
        Cancellation.ThrowIfCancellationRequested();
        long bytes = file.Bytes;
        string? hash = null;
        foreach (var previous in _previousFiles.Where(p => p.Bytes == bytes))
        {
            hash ??= HashingReadStream.HashFile(file.Path);
            if (previous.Hash == hash)
            {
                _files.Add(new IngestFileReport(file.Name, file.Table, FileOutcome.AlreadyIngested, 0, 0, 0));
                return null;
            }
        }

        var same = _previousFiles.FirstOrDefault(p => string.Equals(p.Identity, identity, StringComparison.OrdinalIgnoreCase));
        if (same.File is not null)
        {
            throw new GalenInputException(
                $"the store already holds {file.Table} from an earlier file ({same.File}) with different content; reading this one too would duplicate every row the two versions share.",
                new SourceLocation(file.Name),
                "Ingest the new version into a new store (--db), or delete the store and ingest again.");
        }

        CurrentFile = file;
        return new FileContext(this, file, _nextFileId++);
    }

    /// <summary>Records a finished file in <c>ingest_file</c> and the report.</summary>
    public void CompleteFile(FileContext context, string identity)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ReportProgress();
        string hash = context.ContentHash;
        Writer("ingest_file").Int32(context.FileId).Int32(RunId).Text(FormatName(Format)).Text(context.File.Name).Text(identity)
            .Text(hash).Int64(context.TotalBytes).Int64(context.Records).Int64(context.Accepted).Int64(context.Quarantined).EndRow();
        _previousFiles.Add((identity, context.File.Name, hash, context.TotalBytes));
        _files.Add(new IngestFileReport(context.File.Name, context.File.Table, FileOutcome.Ingested, context.Records, context.Accepted, context.Quarantined, context.NotUsed));
        context.Content.Dispose();
    }

    /// <summary>Lists a file that was found but is not a table of the format.</summary>
    public void NotATable(string fileName) => _files.Add(new IngestFileReport(fileName, "-", FileOutcome.NotATable, 0, 0, 0));

    /// <summary>Writes a quarantine row for the file's current record and counts it.</summary>
    public void Quarantine(FileContext context, string table, string? field, QuarantineReason reason, string detail)
    {
        string? raw = context.RawSource?.CurrentRawRecord(Options.MaxQuarantinedRecordBytes);
        if (context.RecordId is { } recordKey)
        {
            // Children of a rejected patient or admission are then quarantined as such, not as unknown.
            switch (table)
            {
                case "person": Persons.MarkQuarantined(recordKey); break;
                case "visit_occurrence": Visits.MarkQuarantined(recordKey); break;
                case "visit_detail": Stays.MarkQuarantined(recordKey); break;
                default: break;
            }
        }

        Writer("quarantine").Int32(RunId).Int32(context.FileId).Text(context.File.Name).Int64(context.Line).Text(context.RecordId)
            .Text(table).Text(field).Text(reason.ToString()).Text(detail).Text(raw).EndRow();
        var key = (context.File.Name, table, reason);
        _ledger[key] = _ledger.TryGetValue(key, out var summary)
            ? summary with { Count = summary.Count + 1 }
            : new QuarantineSummary(context.File.Name, table, reason, 1, context.Location(field), detail);
    }

    /// <summary>Marks the run finished and returns its report.</summary>
    public IngestReport Finish()
    {
        string fingerprint = DataFingerprint.Compute(Connection);
        Sql.Execute(Connection, "DELETE FROM galen_meta WHERE key = 'fingerprint'");
        Sql.Execute(Connection, "INSERT INTO galen_meta VALUES ('fingerprint', ?)", fingerprint);
        Sql.Execute(Connection, "UPDATE ingest_run SET finished_at = ?, outcome = 'completed' WHERE run_id = ?", DateTime.UtcNow, RunId);
        Sql.Execute(Connection, "CHECKPOINT");
        return new IngestReport(RunId, Format, _files, _ledger.Values.ToArray(), _notes, _clock.Elapsed, fingerprint);
    }

    public void Dispose()
    {
        if (_inTransaction)
        {
            Abort();
        }

        Queue.Dispose();
        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }

        try
        {
            Sql.Execute(Connection, "RESET threads");
            if (_storeMemoryLimit is not null)
            {
                Sql.Execute(Connection, $"SET memory_limit = '{_storeMemoryLimit.Replace("'", string.Empty, StringComparison.Ordinal)}'");
            }
        }
        catch (DuckDBException)
        {
            // The connection may be unusable after a native failure; the original error matters more.
        }
    }

    /// <summary>Marks the run as failed or cancelled (after the open transaction was rolled back).</summary>
    public void MarkFailed(string outcome)
    {
        try
        {
            Sql.Execute(Connection, "UPDATE ingest_run SET finished_at = ?, outcome = ? WHERE run_id = ?", DateTime.UtcNow, outcome, RunId);
        }
        catch (DuckDBException)
        {
            // The store may be unusable after a native failure; the original error matters more.
        }
    }

    private void CloseWriters()
    {
        if (Concepts.HasPending)
        {
            Concepts.WritePending(Writer("concept"));
        }

        foreach (var writer in _writers.Values)
        {
            writer.Flush();
        }

        Queue.Drain();
        foreach (var writer in _writers.Values)
        {
            writer.Close();
            writer.Dispose();
        }

        _writers.Clear();
    }

    private void Abort()
    {
        _inTransaction = false;
        try
        {
            Queue.Drain();
        }
        catch (InvalidOperationException)
        {
            // Already failing; the rollback below discards whatever was appended.
        }

        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }

        _writers.Clear();
        Sql.Execute(Connection, "ROLLBACK");
    }

    private void LoadState()
    {
        foreach (var table in StoreSchema.ClinicalTables)
        {
            if (StoreSchema.KeyColumn(table) is { } key)
            {
                _ids[table] = new IdSequence((Sql.Scalar<long?>(Connection, $"SELECT max({key}) FROM {table}") ?? 0) + 1);
            }
        }

        _nextFileId = (Sql.Scalar<int?>(Connection, "SELECT max(source_file_id) FROM ingest_file") ?? 0) + 1;
        using (var reader = Sql.Reader(Connection, "SELECT person_source_value, person_id, birth_datetime FROM person"))
        {
            while (reader.Read())
            {
                Persons.Add(reader.GetString(0), new PersonEntry(reader.GetInt64(1), reader.IsDBNull(2) ? long.MinValue : reader.GetDateTime(2).Ticks));
            }
        }

        using (var reader = Sql.Reader(Connection, "SELECT visit_source_value, visit_occurrence_id, person_id, visit_start_datetime, visit_end_datetime FROM visit_occurrence"))
        {
            while (reader.Read())
            {
                Visits.Add(reader.GetString(0), new VisitEntry(reader.GetInt64(1), reader.GetInt64(2), reader.GetDateTime(3).Ticks, reader.GetDateTime(4).Ticks));
            }
        }

        using (var reader = Sql.Reader(Connection, "SELECT visit_detail_source_value, visit_detail_id, person_id, visit_detail_start_datetime, visit_detail_end_datetime, visit_occurrence_id FROM visit_detail"))
        {
            while (reader.Read())
            {
                Stays.Add(reader.GetString(0), new VisitEntry(reader.GetInt64(1), reader.GetInt64(2), reader.GetDateTime(3).Ticks, reader.GetDateTime(4).Ticks, reader.GetInt64(5)));
            }
        }

        using (var reader = Sql.Reader(Connection, "SELECT target_table, record_id FROM quarantine WHERE record_id IS NOT NULL AND target_table IN ('person', 'visit_occurrence', 'visit_detail')"))
        {
            while (reader.Read())
            {
                string table = reader.GetString(0);
                if (table == "person")
                {
                    Persons.MarkQuarantined(reader.GetString(1));
                }
                else
                {
                    (table == "visit_occurrence" ? Visits : Stays).MarkQuarantined(reader.GetString(1));
                }
            }
        }

        using (var reader = Sql.Reader(Connection, "SELECT concept_id, vocabulary_id, concept_code FROM concept"))
        {
            while (reader.Read())
            {
                Concepts.Load(reader.GetInt32(0), reader.GetString(1), reader.GetString(2));
            }
        }

        using (var reader = Sql.Reader(Connection, "SELECT source, item_id, concept_id FROM item_map"))
        {
            while (reader.Read())
            {
                Items[(reader.GetString(0), long.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture))] = reader.GetInt32(2);
            }
        }

        using (var reader = Sql.Reader(Connection, "SELECT table_name, file_name, content_hash, bytes FROM ingest_file WHERE format = ?", FormatName(Format)))
        {
            while (reader.Read())
            {
                _previousFiles.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
            }
        }
    }

    /// <summary>
    /// The latest plausible date: the caller's, else the end of a synthetic hospital's clock when
    /// the source is one (its manifest.json says so), else one day after now.
    /// </summary>
    private DateTime LatestValidTime(IngestOptions options, string sourcePath)
    {
        if (options.LatestValidTime is { } given)
        {
            return given;
        }

        string folder = Directory.Exists(sourcePath) ? sourcePath : Path.GetDirectoryName(sourcePath) ?? sourcePath;
        if (Synthetic.SyntheticHospitalManifest.TryRead(folder) is { LatestTime: { } latest })
        {
            Note(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Dates are checked against the synthetic hospital's clock: its {Synthetic.SyntheticHospitalManifest.FileName} gives {latest:yyyy-MM-dd HH:mm} as the latest time in the data."));
            return latest;
        }

        return DateTime.UtcNow.AddDays(1);
    }

    /// <summary>UTF-8 text of a field, or null when empty.</summary>
    public static string? Text(ReadOnlySpan<byte> field)
    {
        field = Csv.Utf8Values.Trim(field);
        return field.IsEmpty ? null : Encoding.UTF8.GetString(field);
    }
}
