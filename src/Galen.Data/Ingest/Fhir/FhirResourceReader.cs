using System.Text.Json;

namespace Galen.Data.Ingest.Fhir;

/// <summary>
/// Streams the resources of one FHIR file without holding the file: bulk-export NDJSON line by
/// line, or a JSON Bundle entry by entry (any Bundle type: transaction, collection, searchset).
/// A file holding a single resource (not a Bundle) yields that resource. Memory is bounded by the
/// largest single entry, not the file.
/// </summary>
internal sealed class FhirResourceReader
{
    private const int MaxEntryBytes = 512 << 20;
    private readonly Stream _stream;
    private readonly bool _ndjson;
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private bool _eof;
    private long _line;
    private long _entry;
    private Phase _phase = Phase.Prelude;
    private JsonReaderState _preludeState;
    private int _preludeScanned;
    private string? _lastProperty;
    private string? _resourceType;

    public FhirResourceReader(Stream stream, bool ndjson)
    {
        _stream = stream;
        _ndjson = ndjson;
    }

    private enum Phase
    {
        Prelude,
        Entries,
        Done,
    }

    /// <summary>The next resource, or false at the end of the file.</summary>
    public bool Next(out RawResource resource) => _ndjson ? NextLine(out resource) : NextEntry(out resource);

    private bool NextLine(out RawResource resource)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline < 0 && !_eof)
            {
                Fill(keepFrom: _start);
                continue;
            }

            if (_start >= _end && _eof)
            {
                resource = default;
                return false;
            }

            int length = newline < 0 ? _end - _start : newline;
            var line = _buffer.AsMemory(_start, length);
            _start += newline < 0 ? length : length + 1;
            _line++;
            var trimmed = Trim(line);
            if (trimmed.Length == 0)
            {
                continue;
            }

            resource = new RawResource(trimmed, _line, null, trimmed.Span[0] == (byte)'{' ? null : "the line is not a JSON object");
            return true;
        }
    }

    private bool NextEntry(out RawResource resource)
    {
        resource = default;
        while (true)
        {
            switch (_phase)
            {
                case Phase.Done:
                    return false;
                case Phase.Prelude:
                    if (ScanPrelude(out var problem))
                    {
                        continue;
                    }

                    if (problem is not null)
                    {
                        _phase = Phase.Done;
                        resource = new RawResource(_buffer.AsMemory(0, Math.Min(_end, 1 << 16)), null, null, problem);
                        return true;
                    }

                    if (_eof)
                    {
                        _phase = Phase.Done;
                        if (_resourceType is not null and not "Bundle")
                        {
                            resource = new RawResource(Trim(_buffer.AsMemory(0, _end)), null, 1, null); // a file holding one resource
                            return true;
                        }

                        if (_resourceType is null)
                        {
                            // JSON that is not FHIR at all is a bad record, not an empty file.
                            resource = new RawResource(_buffer.AsMemory(0, Math.Min(_end, 1 << 16)), null, null, "the JSON has no resourceType: it is neither a FHIR Bundle nor a resource");
                            return true;
                        }

                        return false;
                    }

                    Fill(keepFrom: 0);
                    continue;
                default:
                    switch (ReadEntry(out resource))
                    {
                        case EntryOutcome.Entry:
                            return true;
                        case EntryOutcome.End:
                            _phase = Phase.Done;
                            return resource.Problem is not null;
                        default:
                            Fill(keepFrom: _start);
                            continue;
                    }
            }
        }
    }

    /// <summary>Reads top-level tokens until the "entry" array opens; true when it did.</summary>
    private bool ScanPrelude(out string? problem)
    {
        problem = null;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_preludeScanned, _end - _preludeScanned), _eof, _preludeState);
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                {
                    _lastProperty = reader.GetString();
                    continue;
                }

                if (reader.CurrentDepth == 1 && _lastProperty == "resourceType" && reader.TokenType == JsonTokenType.String)
                {
                    _resourceType = reader.GetString();
                }
                else if (reader.CurrentDepth == 1 && _lastProperty == "entry" && reader.TokenType == JsonTokenType.StartArray && _resourceType is null or "Bundle")
                {
                    _start = _preludeScanned + (int)reader.BytesConsumed;
                    _phase = Phase.Entries;
                    return true;
                }

                if (reader.CurrentDepth == 1 && reader.TokenType != JsonTokenType.PropertyName)
                {
                    _lastProperty = null;
                }
            }
        }
        catch (JsonException e)
        {
            problem = "the file is not valid JSON (" + Describe(e) + ")";
            return false;
        }

        _preludeState = reader.CurrentState;
        _preludeScanned += (int)reader.BytesConsumed;
        return false;
    }

    private enum EntryOutcome
    {
        Entry,
        NeedMore,
        End,
    }

    private EntryOutcome ReadEntry(out RawResource resource)
    {
        resource = default;
        while (_start < _end && (_buffer[_start] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)','))
        {
            _start++;
        }

        if (_start >= _end)
        {
            if (_eof)
            {
                resource = new RawResource(default, null, _entry + 1, "the Bundle ends inside its entry array");
                return EntryOutcome.End;
            }

            return EntryOutcome.NeedMore;
        }

        if (_buffer[_start] == (byte)']')
        {
            return EntryOutcome.End;
        }

        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, default);
        try
        {
            if (!reader.Read() || !reader.TrySkip())
            {
                if (_eof)
                {
                    resource = new RawResource(default, null, _entry + 1, "the Bundle ends inside an entry");
                    return EntryOutcome.End;
                }

                return EntryOutcome.NeedMore;
            }
        }
        catch (JsonException e)
        {
            resource = new RawResource(_buffer.AsMemory(_start, Math.Min(_end - _start, 1 << 16)), null, _entry + 1, "the entry is not valid JSON (" + Describe(e) + ")");
            return EntryOutcome.End;
        }

        int length = (int)reader.BytesConsumed;
        var entry = _buffer.AsMemory(_start, length);
        _start += length;
        _entry++;
        var json = FhirJson.EntryResource(entry.Span, out int offset, out int resourceLength)
            ? entry.Slice(offset, resourceLength)
            : ReadOnlyMemory<byte>.Empty;
        resource = new RawResource(json, null, _entry, json.IsEmpty ? "the entry has no resource" : null);
        return EntryOutcome.Entry;
    }

    private void Fill(int keepFrom)
    {
        if (keepFrom > 0)
        {
            Buffer.BlockCopy(_buffer, keepFrom, _buffer, 0, _end - keepFrom);
            _end -= keepFrom;
            _start -= keepFrom;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxEntryBytes)
            {
                throw new InvalidDataException($"a FHIR resource near entry {_entry + 1} or line {_line + 1} is larger than {MaxEntryBytes >> 20} MiB");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        int start = 0, end = span.Length;
        while (start < end && span[start] is (byte)' ' or (byte)'\r' or (byte)'\t' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
        {
            start++;
        }

        while (end > start && span[end - 1] is (byte)' ' or (byte)'\r' or (byte)'\t' or (byte)'\n')
        {
            end--;
        }

        return bytes[start..end];
    }

    /// <summary>Where a JSON error is, without the offending text.</summary>
    private static string Describe(JsonException e) =>
        e.LineNumber is { } line ? $"line {line + 1}, position {e.BytePositionInLine}" : "unreadable";
}
