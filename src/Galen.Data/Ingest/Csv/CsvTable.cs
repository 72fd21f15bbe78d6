using System.Globalization;
using System.Runtime.CompilerServices;

namespace Galen.Data.Ingest.Csv;

/// <summary>
/// A CSV file being ingested: header lookup plus a record loop that quarantines malformed
/// records (broken quoting, a field count that does not match the header) before the table's
/// own checks see them.
/// </summary>
internal sealed class CsvTable : IRawRecordSource
{
    private readonly FileContext _context;
    private readonly CsvReader _reader;
    private readonly string _targetTable;

    /// <param name="context">The file.</param>
    /// <param name="targetTable">Store table malformed records are quarantined for.</param>
    /// <param name="delimiter">Field separator; null detects comma or tab from the header line.</param>
    public CsvTable(FileContext context, string targetTable, byte? delimiter = null)
    {
        _context = context;
        _targetTable = targetTable;
        _reader = new CsvReader(context.Content, delimiter);
        var names = _reader.ReadHeader();
        Header = new CsvHeader(context.File.Name, names);
        context.RawSource = this;
    }

    public CsvHeader Header { get; }

    /// <summary>A field of the current record.</summary>
    public ReadOnlySpan<byte> this[int column]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => column < 0 ? [] : _reader[column];
    }

    /// <summary>Moves to the next well-formed record; malformed ones are quarantined on the way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next()
    {
        while (_reader.Read())
        {
            _context.BeginRecord(_reader.Line);
            if (_reader.Malformation is { } problem)
            {
                _context.Reject(_targetTable, null, QuarantineReason.MalformedRecord, problem);
                continue;
            }

            if (_reader.FieldCount != Header.Count)
            {
                _context.Reject(_targetTable, null, QuarantineReason.MalformedRecord,
                    string.Create(CultureInfo.InvariantCulture, $"{_reader.FieldCount} fields where the header has {Header.Count}"));
                continue;
            }

            return true;
        }

        return false;
    }

    public string CurrentRawRecord(int maxBytes) => _reader.RawRecord(maxBytes);
}
