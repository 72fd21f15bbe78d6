using System.Data.Common;
using DuckDB.NET.Data;
using Galen.Core.Errors;
using Galen.Core.Progress;
using Galen.Data.Ingest;
using Galen.Data.Ingest.Fhir;
using Galen.Data.Ingest.Mimic;
using Galen.Data.Ingest.Omop;
using Galen.Data.Timeline;

namespace Galen.Data.Store;

/// <summary>
/// Galen's canonical clinical store: one embedded DuckDB file (default <c>galen.duckdb</c>)
/// with OMOP CDM v5.4-shaped tables (see docs/data-layer.md). Open it, <see cref="Ingest"/>
/// sources into it, then load patient timelines for tasks. One instance is used by one thread
/// at a time.
/// </summary>
public sealed class ClinicalStore : IDisposable
{
    /// <summary>The store file used when none is named.</summary>
    public const string DefaultFileName = "galen.duckdb";

    private ClinicalStore(DuckDBConnection connection, string path, string memoryLimit)
    {
        Connection = connection;
        Path = path;
        MemoryLimit = memoryLimit;
    }

    /// <summary>The store file, or ":memory:".</summary>
    public string Path { get; }

    internal DuckDBConnection Connection { get; }

    /// <summary>DuckDB's memory limit as given when the store was opened (an ingest lowers it while it runs).</summary>
    internal string MemoryLimit { get; }

    /// <summary>
    /// Identifies the store's content: changes whenever a file is ingested, equal for stores
    /// built from the same files. Task caches are keyed by it.
    /// </summary>
    public string Fingerprint =>
        Sql.Scalar<string>(Connection, "SELECT value FROM galen_meta WHERE key = 'fingerprint'") ?? DataFingerprint.Compute(Connection);

    /// <summary>Opens (creating when absent) the store file at <paramref name="path"/>.</summary>
    /// <param name="path">The DuckDB file.</param>
    /// <param name="memoryLimit">DuckDB's buffer-pool limit, e.g. "1GB"; bounds the store's share of memory.</param>
    public static ClinicalStore Open(string path, string memoryLimit = "1GB")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(full) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return OpenConnection("DataSource=" + full, full, memoryLimit);
    }

    /// <summary>A store that lives in memory only (tests, throwaway work).</summary>
    public static ClinicalStore InMemory() => OpenConnection("DataSource=:memory:", ":memory:", "1GB");

    /// <summary>
    /// Reads a source into the store. <paramref name="format"/> picks the reader;
    /// <paramref name="sourcePath"/> is the folder of CSV tables (MIMIC, OMOP) or a folder or
    /// file of FHIR JSON / NDJSON. Streaming: memory does not grow with file size. Idempotent:
    /// a file whose bytes the store already holds (same XxHash128 of the file) is skipped, so
    /// running the same ingest twice adds nothing. Rejected records go to the quarantine table.
    /// </summary>
    public IngestReport Ingest(IngestFormat format, string sourcePath, IngestOptions? options = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePath);
        string source = System.IO.Path.GetFullPath(sourcePath);
        if (!Directory.Exists(source) && !File.Exists(source))
        {
            throw new GalenInputException("does not exist.", new SourceLocation(sourcePath), "Check the path.");
        }

        using var session = new IngestSession(Connection, format, source, options ?? new IngestOptions(), progress, cancellationToken,
            Path == ":memory:" ? null : MemoryLimit);
        try
        {
            switch (format)
            {
                case IngestFormat.Mimic: MimicSource.Ingest(session, source); break;
                case IngestFormat.Omop: OmopSource.Ingest(session, source); break;
                case IngestFormat.Fhir: FhirSource.Ingest(session, source); break;
                default: throw new ArgumentOutOfRangeException(nameof(format), format, "unknown format");
            }

            return session.Finish();
        }
        catch (OperationCanceledException)
        {
            session.MarkFailed("cancelled");
            throw;
        }
        catch (InvalidDataException e)
        {
            session.MarkFailed("failed");
            throw new GalenInputException(
                "cannot be read: " + e.Message + ".",
                new SourceLocation(session.CurrentFile?.Name ?? sourcePath),
                "Check the file is complete (an interrupted copy or download truncates .gz files).",
                e);
        }
        catch (GalenException)
        {
            session.MarkFailed("failed");
            throw;
        }
    }

    /// <summary>
    /// Patient timelines in batches of <see cref="TimelineOptions.BatchSize"/> patients, each
    /// batch read with one bulk query per event table. Memory is bounded by the batch size.
    /// </summary>
    public IEnumerable<PatientTimelines> Timelines(TimelineOptions? options = null, CancellationToken cancellationToken = default)
    {
        var loader = new TimelineLoader(Connection, options ?? new TimelineOptions());
        return loader.Batches(cancellationToken);
    }

    /// <summary>Every timeline in one batch (small stores, tests).</summary>
    public PatientTimelines LoadTimelines(TimelineOptions? options = null, CancellationToken cancellationToken = default) =>
        Timelines((options ?? new TimelineOptions()) with { BatchSize = int.MaxValue }, cancellationToken).SingleOrDefault()
        ?? new TimelineLoader(Connection, options ?? new TimelineOptions()).Empty();

    /// <summary>How each measurement code's units were harmonised (for cohort reports).</summary>
    public IReadOnlyList<UnitMapping> MeasurementUnits() => new TimelineLoader(Connection, new TimelineOptions()).Units;

    /// <summary>Rows in each clinical table, in schema order.</summary>
    public IReadOnlyList<(string Table, long Rows)> Counts() =>
        StoreSchema.ClinicalTables.Select(t => (t, Sql.Scalar<long>(Connection, $"SELECT count(*) FROM {t}"))).ToArray();

    /// <summary>Rows in one table of the store (clinical, concept, quarantine, ingest_file, …).</summary>
    public long Count(string table)
    {
        if (!StoreSchema.Statements.Any(s => s.Contains($" {table} (", StringComparison.Ordinal)))
        {
            throw new ArgumentException($"{table} is not a store table.", nameof(table));
        }

        return Sql.Scalar<long>(Connection, $"SELECT count(*) FROM {table}");
    }

    /// <summary>
    /// The quarantine's rows, oldest first, at most <paramref name="limit"/>. They include the
    /// raw rejected record, which may hold patient data: show it to authorised users only.
    /// </summary>
    public IReadOnlyList<QuarantinedRecord> ReadQuarantine(int limit = 1000)
    {
        var rows = new List<QuarantinedRecord>();
        using var reader = Sql.Reader(Connection,
            "SELECT run_id, file_name, line, record_id, target_table, field, reason, detail, raw_record FROM quarantine ORDER BY run_id, source_file_id, line NULLS LAST, record_id LIMIT ?", limit);
        while (reader.Read())
        {
            rows.Add(new QuarantinedRecord(
                reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), Enum.Parse<QuarantineReason>(reader.GetString(6)),
                reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }

    public void Dispose() => Connection.Dispose();

    private static ClinicalStore OpenConnection(string connectionString, string path, string memoryLimit)
    {
        var connection = new DuckDBConnection(connectionString);
        try
        {
            connection.Open();
            memoryLimit = memoryLimit.Replace("'", string.Empty, StringComparison.Ordinal);
            Sql.Execute(connection, $"SET memory_limit = '{memoryLimit}'");
            foreach (var statement in StoreSchema.Statements)
            {
                Sql.Execute(connection, statement);
            }

            var version = Sql.Scalar<string>(connection, "SELECT value FROM galen_meta WHERE key = 'schema_version'");
            if (version is null)
            {
                Sql.Execute(connection, "INSERT INTO galen_meta VALUES ('schema_version', ?)", StoreSchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (version != StoreSchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new GalenInputException($"was written by a Galen store schema version {version}; this Galen reads version {StoreSchema.Version}.", new SourceLocation(path), "Ingest the sources again into a new store.");
            }

            return new ClinicalStore(connection, path, memoryLimit);
        }
        catch (DbException e)
        {
            connection.Dispose();
            throw new GalenInputException("cannot be opened as a DuckDB store: " + e.Message, new SourceLocation(path), "Check the path, and that no other program has the file open.", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
