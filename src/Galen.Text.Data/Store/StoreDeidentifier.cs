using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using Galen.Core.Errors;
using Galen.Core.Privacy;
using Galen.Core.Progress;
using Galen.Data.Store;
using Galen.Text.Deid.Keys;
using Galen.Text.Deid.Operators;
using Galen.Text.Deid.Pipeline;
using Galen.Text.Deid.Structured;

namespace Galen.Text.Data.Store;

/// <summary>
/// De-identifies a whole Galen store into a new DuckDB file of the same schema, so ingest's
/// readers, timelines and tasks work on it unchanged. Every patient has one set of keys (from
/// the <see cref="PatientKeyStore"/> behind the <see cref="NoteDeidentifier"/>), named by the
/// source's patient key (<c>person_source_value</c>): a note and its patient's rows get the same
/// date shift, the same surrogates and the same HMAC pseudonyms, and match a folder of that
/// patient's notes de-identified with the same key store. Tables stream through
/// <see cref="TableDeidentifier"/> row by row; notes go through the note pipeline on all cores.
/// The source is opened read-only and never changed.
/// </summary>
public sealed class StoreDeidentifier(NoteDeidentifier notes, int threads = 0)
{
    private readonly TableDeidentifier _tables = new(notes);

    /// <summary>The file name of the de-identified store inside the output folder.</summary>
    public const string OutputFileName = "galen.duckdb";

    /// <summary>Ages at or above this are shown as this: the date of birth of an older patient is moved.</summary>
    public const int AgeLimit = 90;

    /// <summary>De-identifies the store at <paramref name="sourcePath"/> into a new store at <paramref name="outputPath"/>.</summary>
    /// <param name="sourcePath">The Galen store to read (never changed).</param>
    /// <param name="outputPath">The de-identified store to create; it must not exist.</param>
    /// <param name="noteLines">Where the per-note manifest lines go (deid-notes.jsonl), or null.</param>
    /// <param name="learnedLayer">Whether the detector has its learned layer (recorded in the manifest).</param>
    /// <param name="progress">Rows and notes done, per table; never content.</param>
    /// <param name="cancellationToken">Stops the run; the partial output is deleted.</param>
    public StoreDeidentification Run(
        string sourcePath,
        string outputPath,
        TextWriter? noteLines,
        bool learnedLayer,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        string source = Path.GetFullPath(sourcePath);
        string output = Path.GetFullPath(outputPath);
        if (!File.Exists(source))
        {
            throw new GalenInputException("does not exist.", new SourceLocation(sourcePath), "Give the Galen store (a .duckdb file written by `galen ingest`).");
        }

        if (File.Exists(output) || string.Equals(source, output, StringComparison.Ordinal))
        {
            throw new GalenInputException("already exists; a de-identified store is always written new.", new SourceLocation(outputPath), "Choose a new output folder or remove the old store.");
        }

        try
        {
            return Write(source, output, noteLines, learnedLayer, progress, cancellationToken);
        }
        catch
        {
            DeleteStore(output);
            throw;
        }
    }

    private StoreDeidentification Write(string source, string output, TextWriter? noteLines, bool learnedLayer, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        // The output gets the current store schema; the source must have been written with it too.
        using (ClinicalStore.Open(output))
        {
        }

        using var reader = OpenSource(source);
        using var writer = StoreSql.Open(output, readOnly: false);
        string sourceVersion = Convert.ToString(StoreSql.Scalar(reader, "SELECT value FROM galen_meta WHERE key = 'schema_version'"), CultureInfo.InvariantCulture) ?? "none";
        string outputVersion = Convert.ToString(StoreSql.Scalar(writer, "SELECT value FROM galen_meta WHERE key = 'schema_version'"), CultureInfo.InvariantCulture)!;
        if (sourceVersion != outputVersion)
        {
            throw new GalenInputException($"was written by Galen store schema version {sourceVersion}; this Galen writes version {outputVersion}.", new SourceLocation(source), "Ingest the sources again into a new store, then de-identify that.");
        }

        var counts = new List<TableCount>();
        foreach (var table in StoreTables.Vocabulary)
        {
            counts.Add(Copy(reader, writer, table, [], progress, cancellationToken));
        }

        var patientKeys = PatientKeys(reader);
        string KeyOf(object personId) => patientKeys.TryGetValue(Convert.ToInt64(personId, CultureInfo.InvariantCulture), out var key)
            ? key
            : "p" + Convert.ToString(personId, CultureInfo.InvariantCulture);

        var births = BirthsOfPatientsOver89(reader);
        foreach (var schema in StoreTables.Patient)
        {
            var rows = new StoreRowSource(reader, schema, StoreSql.Columns(reader, schema.Name).First());
            long total = rows.Count;
            long written = 0;
            int personColumn = schema.PatientKeyColumn;
            int birthColumn = schema.Name == "person" ? IndexOf(schema, "birth_datetime") : -1;
            var adjusted = birthColumn < 0 ? rows : (IRowSource)new TransformedRows(rows, row =>
            {
                if (row[personColumn] is { } id && births.TryGetValue(Convert.ToInt64(id, CultureInfo.InvariantCulture), out var birth))
                {
                    row[birthColumn] = birth;
                }

                return row;
            });
            using (var appender = writer.CreateAppender(schema.Name))
            {
                foreach (var row in _tables.Deidentify(adjusted, KeyOf))
                {
                    StoreSql.Append(appender, row);
                    if (++written % 50_000 == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        progress?.Report(new WorkProgress(schema.Name, written, total));
                    }
                }
            }

            progress?.Report(new WorkProgress(schema.Name, written, total));
            counts.Add(new TableCount(schema.Name, written, written));
        }

        var noteSource = new StoreNoteSource(reader, KeyOf);
        DeidManifest manifest;
        long notesWritten;
        using (var appender = writer.CreateAppender("note"))
        {
            var sink = new StoreNoteSink(noteSource, appender, _tables, KeyOf);
            manifest = new DeidRunner(notes, threads).Run(noteSource, sink, noteLines, learnedLayer, progress, cancellationToken);
            notesWritten = sink.Written;
        }

        // Rows of notes that failed are not written (their text could not be made safe); the manifest lists them.
        counts.Add(new TableCount("note", noteSource.Count ?? notesWritten, notesWritten));
        noteSource.Pending.Clear();

        var pseudonyms = notes.Surrogates.Pseudonyms;
        counts.Add(Copy(reader, writer, "ingest_run", [("source_path", _ => "de-identified")], progress, cancellationToken));
        counts.Add(Copy(reader, writer, "ingest_file", [("content_hash", v => pseudonyms.Token("file", Text(v), 32))], progress, cancellationToken));
        counts.Add(Copy(reader, writer, "quarantine",
            [("record_id", v => pseudonyms.ShapePreserving(PhiType.OtherIdentifier, Text(v))), ("raw_record", _ => null)], progress, cancellationToken));

        string sourceFingerprint = Convert.ToString(StoreSql.Scalar(reader, "SELECT value FROM galen_meta WHERE key = 'fingerprint'"), CultureInfo.InvariantCulture) ?? string.Empty;
        string fingerprint = Fingerprint(sourceFingerprint);
        StoreSql.Execute(writer, "DELETE FROM galen_meta WHERE key = 'fingerprint'");
        StoreSql.Execute(writer, $"INSERT INTO galen_meta VALUES ('fingerprint', '{fingerprint}')");
        StoreSql.Execute(writer, "INSERT INTO galen_meta VALUES ('deidentified', 'true')");
        StoreSql.Execute(writer, "CHECKPOINT");
        return new StoreDeidentification(output, counts, manifest, births.Count, fingerprint);
    }

    // The source store's fingerprint, the operator and a keyed token of the key store: another key
    // store or operator gives another content, so another fingerprint (task caches never mix them).
    private string Fingerprint(string sourceFingerprint)
    {
        string keyed = notes.Surrogates.Pseudonyms.Token("store-fingerprint", sourceFingerprint, 64);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"galen-deid-v1|{sourceFingerprint}|{notes.Operator}|{keyed}"));
        return Convert.ToHexStringLower(bytes);
    }

    private static DuckDBConnection OpenSource(string source)
    {
        try
        {
            return StoreSql.Open(source, readOnly: true);
        }
        catch (DuckDBException e)
        {
            throw new GalenInputException("cannot be opened as a DuckDB store: " + e.Message, new SourceLocation(source), "Check the path, and that no other program has the file open for writing.", e);
        }
    }

    /// <summary>person_id → the source's patient key (person_source_value, or "p" + person_id when it has none).</summary>
    private static Dictionary<long, string> PatientKeys(DuckDBConnection reader)
    {
        var keys = new Dictionary<long, string>();
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT person_id, person_source_value FROM person";
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            long id = rows.GetInt64(0);
            keys[id] = rows.IsDBNull(1) ? "p" + id.ToString(CultureInfo.InvariantCulture) : rows.GetString(1);
        }

        return keys;
    }

    /// <summary>
    /// Safe Harbor allows no age above 89. For a patient aged 90 or more at any recorded time, the
    /// date of birth becomes the time of that first such record less 90 years: every age read
    /// from the output is then at most 90 plus the time since that record (which the kept
    /// intervals show anyway), ages under 90 stay below 90, and features capped at 90 are unchanged.
    /// </summary>
    private static Dictionary<long, DateTime> BirthsOfPatientsOver89(DuckDBConnection reader)
    {
        const string Events = """
            SELECT person_id, visit_start_datetime AS t FROM visit_occurrence
            UNION ALL SELECT person_id, visit_end_datetime FROM visit_occurrence
            UNION ALL SELECT person_id, death_datetime FROM death
            UNION ALL SELECT person_id, visit_detail_start_datetime FROM visit_detail
            UNION ALL SELECT person_id, condition_start_datetime FROM condition_occurrence
            UNION ALL SELECT person_id, procedure_datetime FROM procedure_occurrence
            UNION ALL SELECT person_id, drug_exposure_start_datetime FROM drug_exposure
            UNION ALL SELECT person_id, measurement_datetime FROM measurement
            UNION ALL SELECT person_id, observation_datetime FROM observation
            UNION ALL SELECT person_id, note_datetime FROM note
            """;
        var births = new Dictionary<long, DateTime>();
        using var command = reader.CreateCommand();
        command.CommandText = $"""
            SELECT p.person_id, min(e.t)
            FROM person p JOIN ({Events}) e ON e.person_id = p.person_id
            WHERE p.birth_datetime IS NOT NULL AND e.t IS NOT NULL AND e.t >= p.birth_datetime + INTERVAL {AgeLimit} YEAR
            GROUP BY p.person_id
            """;
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            births[rows.GetInt64(0)] = rows.GetDateTime(1).AddYears(-AgeLimit);
        }

        return births;
    }

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Copies a table row by row, replacing the named columns' non-null values.</summary>
    private static TableCount Copy(
        DuckDBConnection reader,
        DuckDBConnection writer,
        string table,
        IReadOnlyList<(string Column, Func<object, object?> Value)> replacements,
        IProgress<WorkProgress>? progress,
        CancellationToken cancellationToken)
    {
        var columns = StoreSql.Columns(reader, table).ToArray();
        if (columns.Length == 0)
        {
            return new TableCount(table, 0, 0);
        }

        var replaced = replacements.Select(r => (Index: Array.IndexOf(columns, r.Column), r.Value)).Where(r => r.Index >= 0).ToArray();
        long written = 0;
        using var command = reader.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns)} FROM {table}";
        using var rows = command.ExecuteReader();
        using var appender = writer.CreateAppender(table);
        while (rows.Read())
        {
            var row = new object?[columns.Length];
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = rows.IsDBNull(c) ? null : rows.GetValue(c);
            }

            foreach (var (index, value) in replaced)
            {
                if (row[index] is { } original)
                {
                    row[index] = value(original);
                }
            }

            StoreSql.Append(appender, row);
            if (++written % 50_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        progress?.Report(new WorkProgress(table, written, written));
        return new TableCount(table, written, written);
    }

    private static int IndexOf(TableSchema schema, string column)
    {
        for (int i = 0; i < schema.Columns.Count; i++)
        {
            if (schema.Columns[i].Name == column)
            {
                return i;
            }
        }

        return -1;
    }

    private static void DeleteStore(string output)
    {
        foreach (var file in new[] { output, output + ".wal" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>A row source that changes each row on the way through.</summary>
    private sealed class TransformedRows(IRowSource inner, Func<object?[], object?[]> transform) : IRowSource
    {
        public TableSchema Schema => inner.Schema;

        public IEnumerable<object?[]> Rows() => inner.Rows().Select(transform);
    }
}
