using System.Collections.Concurrent;
using System.Globalization;
using DuckDB.NET.Data;
using Galen.Text.Deid.Pipeline;
using Galen.Text.Deid.Structured;

namespace Galen.Text.Data.Store;

/// <summary>
/// The store's note table as an <see cref="INoteSource"/>: one note at a time in note_id order,
/// its patient named by the same key the patient tables use. The rest of each row waits (only
/// while its note is in flight) for <see cref="StoreNoteSink"/>, which writes the whole row.
/// </summary>
internal sealed class StoreNoteSource(DuckDBConnection connection, Func<object, string> patientKeyOf) : INoteSource
{
    private readonly StoreRowSource _rows = new(connection, StoreTables.Note, "note_id");
    private readonly int _textColumn = IndexOf("note_text");
    private readonly int _idColumn = IndexOf("note_id");
    private readonly int _personColumn = StoreTables.Note.PatientKeyColumn;

    /// <summary>Rows read whose note has not been written yet (the in-flight ones, and at the end the failed ones).</summary>
    public ConcurrentDictionary<string, object?[]> Pending { get; } = new(StringComparer.Ordinal);

    public string Description => string.Create(CultureInfo.InvariantCulture, $"the store's note table ({Count:N0} notes)");

    public long? Count { get; } = new StoreRowSource(connection, StoreTables.Note).Count;

    public IEnumerable<SourceNote> Notes(CancellationToken cancellationToken)
    {
        foreach (var row in _rows.Rows())
        {
            cancellationToken.ThrowIfCancellationRequested();
            string id = Convert.ToString(row[_idColumn], CultureInfo.InvariantCulture)!;
            string patient = row[_personColumn] is { } person ? patientKeyOf(person) : string.Empty;
            Pending[id] = row;
            yield return row[_textColumn] is string text
                ? SourceNote.Readable(id, patient, text)
                : SourceNote.Unreadable(id, patient, "has no text");
        }
    }

    private static int IndexOf(string column)
    {
        for (int i = 0; i < StoreTables.Note.Columns.Count; i++)
        {
            if (StoreTables.Note.Columns[i].Name == column)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The note table has no {column} column.");
    }

    internal int TextColumn => _textColumn;
}

/// <summary>
/// Writes de-identified notes into the output store's note table: the text the note pipeline made
/// and the row's other columns through <see cref="TableDeidentifier"/> with the same keys.
/// Called from several threads; appends one row at a time under a lock.
/// </summary>
internal sealed class StoreNoteSink(StoreNoteSource source, DuckDBAppender appender, TableDeidentifier tables, Func<object, string> patientKeyOf) : INoteSink
{
    private readonly Lock _gate = new();
    private readonly TableSchema _schema = StoreTables.Note with
    {
        // The text is already de-identified by the note pipeline; the row pass must not redo it.
        Columns = StoreTables.Note.Columns.Select(c => c.Name == "note_text" ? c with { Role = ColumnRole.Keep } : c).ToArray(),
    };

    public long Written { get; private set; }

    public void Write(string id, string patientPseudonym, string text)
    {
        if (!source.Pending.TryRemove(id, out var row))
        {
            throw new InvalidOperationException("A note was written that was never read.");
        }

        row[source.TextColumn] = text;
        var output = tables.DeidentifyRow(_schema, row, 0, patientKeyOf);
        lock (_gate)
        {
            StoreSql.Append(appender, output);
            Written++;
        }
    }
}
