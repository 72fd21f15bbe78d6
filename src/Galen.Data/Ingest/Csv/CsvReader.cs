using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Galen.Data.Ingest.Csv;

/// <summary>
/// Streams RFC 4180 records from UTF-8 bytes: <c>"</c> quoting with <c>""</c> escapes, newlines
/// inside quoted fields, LF or CRLF line ends, a byte-order mark at the start. Holds one buffer
/// (1 MiB, grown only for a single record longer than that), so memory does not grow with the
/// file. Fields are returned as spans valid until the next <see cref="Read"/>.
/// </summary>
internal sealed class CsvReader
{
    private const int InitialBuffer = 1 << 20;
    private readonly Stream _stream;
    private byte _delimiter;
    private bool _detectDelimiter;
    private readonly int _maxRecordBytes;
    private byte[] _buffer = new byte[InitialBuffer];
    private byte[] _unescaped = new byte[256];
    private int _start;
    private int _end;
    private bool _eof;

    // Position of the next quote at or after _start in the buffer (or _end when there is none
    // up to _end), found once per stretch of quote-free records instead of once per line.
    private int _nextQuote = -1;
    private long _nextLine = 1;

    // Where each field of the current record lies: its offset in the read buffer, or (bitwise
    // complement, so negative) in the unescape buffer for a quoted field that held "" pairs.
    private Field[] _fields = new Field[32];
    private int _recordStart;
    private int _recordEnd;

    /// <param name="stream">Decompressed file content.</param>
    /// <param name="delimiter">Field separator (comma, tab); null detects it from the header line: tab when it has tabs and no commas.</param>
    /// <param name="maxRecordBytes">A record longer than this is an error (guards against an unterminated quote swallowing the file).</param>
    public CsvReader(Stream stream, byte? delimiter = (byte)',', int maxRecordBytes = 64 << 20)
    {
        _stream = stream;
        _delimiter = delimiter ?? (byte)',';
        _detectDelimiter = delimiter is null;
        _maxRecordBytes = maxRecordBytes;
    }

    /// <summary>Line (1-based, physical) where the current record starts.</summary>
    public long Line { get; private set; }

    /// <summary>Fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>Why the current record is malformed, or null when it is well formed.</summary>
    public string? Malformation { get; private set; }

    /// <summary>The current record's field, or an empty span past the last field.</summary>
    public ReadOnlySpan<byte> this[int field]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)field >= (uint)FieldCount)
            {
                return [];
            }

            var f = _fields[field];
            return f.Start >= 0 ? _buffer.AsSpan(f.Start, f.Length) : _unescaped.AsSpan(~f.Start, f.Length);
        }
    }

    /// <summary>The current record as written in the file, without its line end (for quarantine).</summary>
    public string RawRecord(int maxBytes = 1 << 16)
    {
        int length = Math.Min(_recordEnd - _recordStart, maxBytes);
        return Encoding.UTF8.GetString(_buffer, _recordStart, length);
    }

    /// <summary>Reads the header record; names are trimmed and a leading byte-order mark dropped.</summary>
    public string[] ReadHeader()
    {
        Fill();
        if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
        {
            _start += 3;
        }

        if (_detectDelimiter)
        {
            var data = _buffer.AsSpan(_start, _end - _start);
            int newline = data.IndexOf((byte)'\n');
            var first = newline < 0 ? data : data[..newline];
            _delimiter = first.Contains((byte)'\t') && !first.Contains((byte)',') ? (byte)'\t' : (byte)',';
            _detectDelimiter = false;
        }

        if (!Read())
        {
            return [];
        }

        var names = new string[FieldCount];
        for (int i = 0; i < FieldCount; i++)
        {
            names[i] = Encoding.UTF8.GetString(this[i]).Trim();
        }

        return names;
    }

    /// <summary>Moves to the next non-empty record; false at the end of the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        while (true)
        {
            var outcome = TryParse();
            if (outcome == Outcome.NeedMore)
            {
                if (_eof)
                {
                    return false;
                }

                Fill();
                continue;
            }

            if (outcome == Outcome.End)
            {
                return false;
            }

            if (FieldCount == 1 && _fields[0].Length == 0 && Malformation is null && _fields[0].Start >= 0 && _recordEnd == _recordStart)
            {
                continue; // a blank line
            }

            return true;
        }
    }

    private enum Outcome
    {
        Record,
        NeedMore,
        End,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Outcome TryParse()
    {
        if (_start >= _end)
        {
            return _eof ? Outcome.End : Outcome.NeedMore;
        }

        var data = _buffer.AsSpan(_start, _end - _start);
        int newline = data.IndexOf((byte)'\n');
        if (newline < 0 && !_eof)
        {
            return NeedMoreOrTooLong(_start);
        }

        int lineLength = newline < 0 ? data.Length : newline;
        if (_nextQuote < _start)
        {
            int quote = data.IndexOf((byte)'"');
            _nextQuote = quote < 0 ? _end : _start + quote;
        }

        var line = data[..lineLength];
        if (_nextQuote >= _start + lineLength)
        {
            // Fast path: no quotes, the record is exactly this line.
            int contentLength = lineLength > 0 && line[lineLength - 1] == (byte)'\r' ? lineLength - 1 : lineLength;
            SplitPlain(_start, contentLength);
            _recordStart = _start;
            _recordEnd = _start + contentLength;
            Malformation = null;
            Line = _nextLine++;
            _start += newline < 0 ? data.Length : newline + 1;
            return Outcome.Record;
        }

        return ParseQuoted();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SplitPlain(int offset, int length)
    {
        // A record of n bytes has at most n + 1 fields: room for all of them up front, so the
        // loops below store fields without a capacity check each.
        if (_fields.Length <= length)
        {
            Array.Resize(ref _fields, Math.Max(length + 1, _fields.Length * 2));
        }

        ref byte line = ref _buffer[offset];
        ref Field fields = ref MemoryMarshal.GetArrayDataReference(_fields);
        int count = 0;
        int fieldStart = 0;
        int i = 0;
        byte delimiter = _delimiter;
        if (Vector256.IsHardwareAccelerated)
        {
            // 32 bytes at a time: a bit per delimiter, then one field per set bit.
            var delimiters = Vector256.Create(delimiter);
            for (; i + 32 <= length; i += 32)
            {
                uint mask = Vector256.Equals(Vector256.LoadUnsafe(ref line, (nuint)i), delimiters).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    int position = i + BitOperations.TrailingZeroCount(mask);
                    Unsafe.Add(ref fields, count++) = new Field(offset + fieldStart, position - fieldStart);
                    fieldStart = position + 1;
                    mask &= mask - 1;
                }
            }
        }

        for (; i < length; i++)
        {
            if (Unsafe.Add(ref line, i) == delimiter)
            {
                Unsafe.Add(ref fields, count++) = new Field(offset + fieldStart, i - fieldStart);
                fieldStart = i + 1;
            }
        }

        Unsafe.Add(ref fields, count++) = new Field(offset + fieldStart, length - fieldStart);
        FieldCount = count;
    }

    /// <summary>The general state machine, for records with quotes (and possibly newlines inside them).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Outcome ParseQuoted()
    {
        FieldCount = 0;
        Malformation = null;
        int unescapedUsed = 0;
        int position = _start;
        long newlines = 0;
        while (true)
        {
            if (position < _end && _buffer[position] == (byte)'"')
            {
                int contentStart = position + 1;
                int scan = contentStart;
                bool escaped = false;
                int close;
                while (true)
                {
                    int found = _buffer.AsSpan(scan, _end - scan).IndexOf((byte)'"');
                    if (found < 0)
                    {
                        if (!_eof)
                        {
                            return NeedMoreOrTooLong(position);
                        }

                        // Unterminated quote: the rest of the input is one malformed record.
                        newlines += _buffer.AsSpan(scan, _end - scan).Count((byte)'\n');
                        AddField(contentStart, _end - contentStart, unescaped: false);
                        return Finish(_end, _end, newlines, "a quoted field is never closed (unterminated \")");
                    }

                    close = scan + found;
                    newlines += _buffer.AsSpan(scan, found).Count((byte)'\n');
                    if (close + 1 >= _end && !_eof)
                    {
                        return NeedMoreOrTooLong(position);
                    }

                    if (close + 1 < _end && _buffer[close + 1] == (byte)'"')
                    {
                        escaped = true;
                        scan = close + 2;
                        continue;
                    }

                    break;
                }

                if (escaped)
                {
                    unescapedUsed = Unescape(contentStart, close - contentStart, unescapedUsed);
                }
                else
                {
                    AddField(contentStart, close - contentStart, unescaped: false);
                }

                position = close + 1;
            }
            else
            {
                var rest = _buffer.AsSpan(position, _end - position);
                int stop = rest.IndexOfAny(_delimiter, (byte)'\n');
                if (stop < 0)
                {
                    if (!_eof)
                    {
                        return NeedMoreOrTooLong(position);
                    }

                    AddField(position, rest.Length, unescaped: false);
                    return Finish(_end, _end, newlines, null);
                }

                int fieldLength = stop;
                if (rest[stop] == (byte)'\n' && stop > 0 && rest[stop - 1] == (byte)'\r')
                {
                    fieldLength--;
                }

                AddField(position, fieldLength, unescaped: false);
                position += stop;
            }

            // Now at a delimiter, a line end, or the end of the input.
            if (position >= _end)
            {
                return _eof ? Finish(_end, _end, newlines, null) : NeedMoreOrTooLong(position);
            }

            byte c = _buffer[position];
            if (c == _delimiter)
            {
                position++;
                if (position >= _end && _eof)
                {
                    AddField(position, 0, unescaped: false);
                    return Finish(position, position, newlines, null);
                }

                continue;
            }

            if (c == (byte)'\n')
            {
                return Finish(position, position + 1, newlines, null);
            }

            if (c == (byte)'\r')
            {
                if (position + 1 < _end && _buffer[position + 1] == (byte)'\n')
                {
                    return Finish(position, position + 2, newlines, null);
                }

                if (position + 1 >= _end && !_eof)
                {
                    return NeedMoreOrTooLong(position);
                }
            }

            // Text after a closing quote: keep the record, flagged, and resume at the next line.
            int lineEnd = _buffer.AsSpan(position, _end - position).IndexOf((byte)'\n');
            if (lineEnd < 0 && !_eof)
            {
                return NeedMoreOrTooLong(position);
            }

            int end = lineEnd < 0 ? _end : position + lineEnd;
            return Finish(end, lineEnd < 0 ? _end : end + 1, newlines, "text follows a closing quote");
        }
    }

    private Outcome Finish(int recordEnd, int next, long newlinesInside, string? malformation)
    {
        _recordStart = _start;
        _recordEnd = recordEnd;
        Malformation = malformation;
        Line = _nextLine;
        _nextLine += 1 + newlinesInside;
        _start = next;
        return Outcome.Record;
    }

    private Outcome NeedMoreOrTooLong(int position)
    {
        _ = position;
        if (_end - _start >= _maxRecordBytes)
        {
            throw new InvalidDataException($"a record starting at line {_nextLine} is longer than {_maxRecordBytes >> 20} MiB (is a quote left open?)");
        }

        return Outcome.NeedMore;
    }

    private int Unescape(int contentStart, int length, int used)
    {
        if (_unescaped.Length < used + length)
        {
            Array.Resize(ref _unescaped, Math.Max(used + length, _unescaped.Length * 2));
        }

        int write = used;
        for (int i = 0; i < length; i++)
        {
            byte b = _buffer[contentStart + i];
            _unescaped[write++] = b;
            if (b == (byte)'"')
            {
                i++; // skip the second quote of the "" pair
            }
        }

        AddField(used, write - used, unescaped: true);
        return write;
    }

    private void AddField(int start, int length, bool unescaped)
    {
        if (FieldCount == _fields.Length)
        {
            Array.Resize(ref _fields, FieldCount * 2);
        }

        _fields[FieldCount++] = new Field(unescaped ? ~start : start, length);
    }

    /// <summary>A field's place: <see cref="Start"/> in the read buffer, or its complement in the unescape buffer.</summary>
    private readonly record struct Field(int Start, int Length);

    private void Fill()
    {
        _nextQuote = -1;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        while (_end < _buffer.Length)
        {
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
                return;
            }

            _end += read;
        }
    }
}
