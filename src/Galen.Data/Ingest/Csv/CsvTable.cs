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

    public CsvTable(FileContext context, string targetTable, byte? delimiter = null)
    {
        _context = context;
        _targetTable = targetTable;
        var stream = context.Content;
        _reader = new CsvReader(stream, delimiter ?? (byte)',');
        var names = _reader.ReadHeader();
        if (delimiter is null && names.Length == 1 && names[0].Contains('\t', StringComparison.Ordinal))
        {
            throw new Core.Errors.GalenInputException(
                "the header looks tab-separated.",
                new Core.Errors.SourceLocation(context.File.Name, 1),
                "Save the table as comma-separated CSV.");
        }

        Header = new CsvHeader(context.File.Name, names);
        context.RawSource = this;
    }

    public CsvHeader Header { get; }

    /// <summary>A field of the current record.</summary>
    public ReadOnlySpan<byte> this[int column] => column < 0 ? [] : _reader[column];

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
