using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Galen.Data.Store;

/// <summary>
/// Appends rows to one DuckDB table through the native appender, writing values straight into
/// DuckDB data-chunk vectors (no per-value boxing or marshalling) and handing each full chunk of
/// 2,048 rows to an <see cref="AppendQueue"/>. Chunks are pooled: made as needed, up to
/// <see cref="MaxChunks"/> per table, and reused once stored. Values are given column by column
/// in table order, then <see cref="EndRow"/>.
/// </summary>
internal sealed unsafe class TableWriter : IDisposable
{
    /// <summary>DuckDB's standard vector size: rows per data chunk.</summary>
    public const int ChunkRows = 2048;

    /// <summary>
    /// The most chunks one table may have filled but not yet stored: about eight of DuckDB's row
    /// groups (122,880 rows each), some 80 MB for the 12 columns of <c>measurement</c>. The append
    /// thread stalls for 20 ms or so whenever a row group fills (DuckDB compresses and writes it);
    /// the parser keeps going meanwhile only while it has free chunks to fill. With a pool of six
    /// chunks the two threads took turns: the parser waited 2 s of a 4.6 s LABEVENTS ingest.
    /// </summary>
    private const int MaxChunks = 512;

    /// <summary>
    /// Chunks between appender flushes. DuckDB's appender otherwise buffers ~200,000 rows before
    /// moving them into the transaction, and whatever it holds at the end is moved by
    /// <see cref="Close"/> on the parsing thread while the append thread idles; flushing on the
    /// append thread every 32,768 rows leaves little for the close (the parser's CPU time fell
    /// ~0.1 s on 10 M rows, peak RSS ~40 MB).
    /// </summary>
    private const int FlushEvery = 16;

    /// <summary>
    /// Text bytes after which a chunk is queued before its 2,048 rows are full. Short values
    /// (codes, units) never reach it; long ones (notes of several kB each) would otherwise make
    /// one chunk tens of MB and a pool of them gigabytes.
    /// </summary>
    public const int MaxChunkTextBytes = 4 << 20;
    private const long UnixEpochTicks = 621_355_968_000_000_000; // DateTime.UnixEpoch.Ticks, as a constant for the hot path

    private readonly DuckDB.NET.Native.DuckDBAppender _appender;
    private readonly DuckDBType[] _types;
    private readonly AppendQueue _queue;
    private readonly BlockingCollection<DuckDBDataChunk> _free = new();
    private readonly List<DuckDBDataChunk> _allChunks = [];
    private readonly DuckDBLogicalType[] _logicalTypes;
    private readonly IntPtr[] _typeHandles;
    private readonly void*[] _data;
    private readonly ulong*[] _validity;
    private readonly IntPtr[] _vectors;
    private byte[] _textBuffer = new byte[256];
    private DuckDBDataChunk? _chunk;
    private int _row;
    private int _chunkTextBytes;
    private long _appended;
    private int _column;
    private bool _closed;

    public TableWriter(DuckDBConnection connection, string table, AppendQueue queue)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Table = table;
        _queue = queue;
        if (NativeMethods.Appender.DuckDBAppenderCreate(connection.NativeConnection, null!, table, out _appender) != DuckDBState.Success)
        {
            var message = NativeMethods.ErrorData.DuckDBErrorDataMessage(NativeMethods.Appender.DuckDBAppenderErrorData(_appender));
            _appender.Dispose();
            throw new InvalidOperationException($"Cannot append to store table {table}: {message}");
        }

        int columns = (int)NativeMethods.Appender.DuckDBAppenderColumnCount(_appender);
        _types = new DuckDBType[columns];
        _logicalTypes = new DuckDBLogicalType[columns];
        _typeHandles = new IntPtr[columns];
        for (int c = 0; c < columns; c++)
        {
            _logicalTypes[c] = NativeMethods.Appender.DuckDBAppenderColumnType(_appender, (ulong)c);
            _types[c] = NativeMethods.LogicalType.DuckDBGetTypeId(_logicalTypes[c]);
            _typeHandles[c] = _logicalTypes[c].DangerousGetHandle();
        }

        _data = new void*[columns];
        _validity = new ulong*[columns];
        _vectors = new IntPtr[columns];
        TakeChunk();
    }

    public string Table { get; }

    /// <summary>Rows ended so far (queued or stored).</summary>
    public long Rows { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TableWriter Int64(long value)
    {
        Slot(DuckDBType.BigInt);
        ((long*)_data[_column])[_row] = value;
        _column++;
        return this;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TableWriter Int64(long? value) => value is { } v ? Int64(v) : Null();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TableWriter Int32(int value)
    {
        Slot(DuckDBType.Integer);
        ((int*)_data[_column])[_row] = value;
        _column++;
        return this;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TableWriter Int32(int? value) => value is { } v ? Int32(v) : Null();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TableWriter Int8(sbyte value)
    {
        Slot(DuckDBType.TinyInt);
        ((sbyte*)_data[_column])[_row] = value;
        _column++;
        return this;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TableWriter Double(double value)
    {
        Slot(DuckDBType.Double);
        ((double*)_data[_column])[_row] = value;
        _column++;
        return this;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TableWriter Double(double? value) => value is { } v && !double.IsNaN(v) ? Double(v) : Null();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TableWriter Bool(bool value)
    {
        Slot(DuckDBType.Boolean);
        ((byte*)_data[_column])[_row] = value ? (byte)1 : (byte)0;
        _column++;
        return this;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TableWriter Bool(bool? value) => value is { } v ? Bool(v) : Null();

    /// <summary>A timestamp given as .NET ticks (100 ns since 0001-01-01); stored to the microsecond.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TableWriter Ticks(long ticks)
    {
        Slot(DuckDBType.Timestamp);
        ((long*)_data[_column])[_row] = (ticks - UnixEpochTicks) / 10;
        _column++;
        return this;
    }

    public TableWriter Time(DateTime? value) => value is { } v ? Ticks(v.Ticks) : Null();

    /// <summary>A nullable timestamp in ticks, where <see cref="long.MinValue"/> means missing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TableWriter TicksOrNull(long ticks) => ticks == long.MinValue ? Null() : Ticks(ticks);

    /// <summary>UTF-8 text; an empty span is stored as NULL.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TableWriter Text(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return Null();
        }

        Slot(DuckDBType.Varchar);
        fixed (byte* bytes = utf8)
        {
            NativeMethods.Vectors.DuckDBVectorAssignStringElementLength(_vectors[_column], (ulong)_row, bytes, utf8.Length);
        }

        _chunkTextBytes += utf8.Length;
        _column++;
        return this;
    }

    /// <summary>Text; null or empty is stored as NULL.</summary>
    public TableWriter Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Null();
        }

        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_textBuffer.Length < max)
        {
            _textBuffer = new byte[Math.Max(max, _textBuffer.Length * 2)];
        }

        int length = Encoding.UTF8.GetBytes(value, _textBuffer);
        return Text(_textBuffer.AsSpan(0, length));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TableWriter Null()
    {
        if (_column >= _types.Length)
        {
            throw Misuse(DuckDBType.SqlNull);
        }

        if (_validity[_column] is null)
        {
            NativeMethods.Vectors.DuckDBVectorEnsureValidityWritable(_vectors[_column]);
            _validity[_column] = NativeMethods.Vectors.DuckDBVectorGetValidity(_vectors[_column]);
        }

        _validity[_column][_row >> 6] &= ~(1UL << (_row & 63));
        _column++;
        return this;
    }

    /// <summary>Finishes the row; every column must have been given a value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EndRow()
    {
        if (_column != _types.Length)
        {
            throw new InvalidOperationException($"Row for {Table} has {_column} of {_types.Length} values.");
        }

        _column = 0;
        _row++;
        Rows++;
        if (_row == ChunkRows || _chunkTextBytes >= MaxChunkTextBytes)
        {
            Submit();
        }
    }

    /// <summary>Forgets the values given so far for the current row (after a failure half-way through it).</summary>
    public void DiscardRow()
    {
        for (int c = 0; c < _column; c++)
        {
            if (_validity[c] is not null)
            {
                _validity[c][_row >> 6] |= 1UL << (_row & 63);
            }
        }

        _column = 0;
    }

    /// <summary>Queues the rows of a partly filled chunk.</summary>
    public void Flush()
    {
        if (_row > 0)
        {
            Submit();
        }
    }

    /// <summary>Stores every row (the queue must be drained by the caller) and closes the native appender.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        if (NativeMethods.Appender.DuckDBAppenderClose(_appender) != DuckDBState.Success)
        {
            var message = NativeMethods.ErrorData.DuckDBErrorDataMessage(NativeMethods.Appender.DuckDBAppenderErrorData(_appender));
            throw new InvalidOperationException($"Storing rows of {Table} failed: {message}");
        }
    }

    public void Dispose()
    {
        _appender.Dispose();
        foreach (var chunk in _allChunks)
        {
            chunk.Dispose();
        }

        foreach (var type in _logicalTypes)
        {
            type.Dispose();
        }

        _free.Dispose();
    }

    /// <summary>Called by the queue's thread: appends one chunk.</summary>
    internal void AppendNow(DuckDBDataChunk chunk)
    {
        if (NativeMethods.Appender.DuckDBAppendDataChunk(_appender, chunk) != DuckDBState.Success
            || (++_appended % FlushEvery == 0 && NativeMethods.Appender.DuckDBAppenderFlush(_appender) != DuckDBState.Success))
        {
            var message = NativeMethods.ErrorData.DuckDBErrorDataMessage(NativeMethods.Appender.DuckDBAppenderErrorData(_appender));
            throw new InvalidOperationException($"Appending to {Table} failed: {message}");
        }
    }

    /// <summary>Called by the queue's thread: empties a chunk and returns it to the pool.</summary>
    internal void Recycle(DuckDBDataChunk chunk)
    {
        NativeMethods.DataChunks.DuckDBDataChunkReset(chunk);
        _free.Add(chunk);
    }

    private void Submit()
    {
        var chunk = _chunk!;
        NativeMethods.DataChunks.DuckDBDataChunkSetSize(chunk, (ulong)_row);
        int textBytes = _chunkTextBytes;
        _chunk = null;
        _row = 0;
        _chunkTextBytes = 0;
        _queue.Enqueue(this, chunk, textBytes);
        TakeChunk();
    }

    private void TakeChunk()
    {
        if (!_free.TryTake(out _chunk) && _allChunks.Count < MaxChunks)
        {
            // Chunks are made as the append thread falls behind, so a small table keeps one or two.
            _chunk = NativeMethods.DataChunks.DuckDBCreateDataChunk(_typeHandles, (ulong)_types.Length);
            _allChunks.Add(_chunk);
        }
        else if (_chunk is null)
        {
            _chunk = _free.Take();
        }

        for (int c = 0; c < _types.Length; c++)
        {
            _vectors[c] = NativeMethods.DataChunks.DuckDBDataChunkGetVector(_chunk!, c);
            _data[c] = NativeMethods.Vectors.DuckDBVectorGetData(_vectors[c]);
            _validity[c] = null;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Slot(DuckDBType expected)
    {
        if ((uint)_column >= (uint)_types.Length || _types[_column] != expected)
        {
            throw Misuse(expected);
        }
    }

    private InvalidOperationException Misuse(DuckDBType expected) => _column >= _types.Length
        ? new InvalidOperationException($"Row for {Table} has more than {_types.Length} values.")
        : new InvalidOperationException($"Column {_column} of {Table} is {_types[_column]}, not {expected}.");
}
