using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Galen.Data.Store;

/// <summary>
/// Appends rows to one DuckDB table through the native appender, writing values straight into
/// a DuckDB data chunk (no per-value boxing or marshalling). Each full chunk of 2,048 rows is
/// copied into a native appender on the caller's thread; every <see cref="FlushEvery"/> chunks
/// that appender (a batch) goes to an <see cref="AppendQueue"/>, whose thread moves its rows into
/// the table (DuckDB's statistics and row-group compression), while the caller fills the next
/// batch. Batches are pooled: made as needed, up to <see cref="MaxBatches"/> per table, and
/// reused once stored. Values are given column by column in table order, then <see cref="EndRow"/>.
/// </summary>
internal sealed unsafe class TableWriter : IDisposable
{
    /// <summary>DuckDB's standard vector size: rows per data chunk.</summary>
    public const int ChunkRows = 2048;

    /// <summary>
    /// Chunks per batch, i.e. between appender flushes: 60 chunks of 2,048 rows are exactly one
    /// of DuckDB's row groups (122,880 rows), so each flush fills one row group and DuckDB
    /// compresses it at the end of that flush. Every flush is an INSERT statement of its own;
    /// flushing every 16 chunks cost the append thread ~0.1 s more CPU on 10 M rows, every 4
    /// chunks 0.2–0.4 s more.
    /// </summary>
    internal const int FlushEvery = 60;

    /// <summary>
    /// The most batches one table may have filled but not yet stored: nine row groups, some
    /// 90 MB for the 12 columns of <c>measurement</c>. The append thread stalls for 20 ms or so
    /// whenever a row group fills (DuckDB compresses and writes it); the parser keeps going
    /// meanwhile only while it has a free batch to fill.
    /// </summary>
    internal const int MaxBatches = 9;

    /// <summary>
    /// Text bytes after which a chunk is copied into its batch before its 2,048 rows are full,
    /// and a batch is queued before its <see cref="FlushEvery"/> chunks are. Short values (codes,
    /// units) never reach it; long ones (notes of several kB each) would otherwise make one
    /// batch hundreds of MB and a pool of them gigabytes.
    /// </summary>
    public const int MaxChunkTextBytes = 4 << 20;
    private const long UnixEpochTicks = 621_355_968_000_000_000; // DateTime.UnixEpoch.Ticks, as a constant for the hot path

    private readonly DuckDBConnection _connection;
    private readonly DuckDBType[] _types;
    private readonly AppendQueue _queue;
    private readonly BlockingCollection<DuckDB.NET.Native.DuckDBAppender> _free = new();
    private readonly List<DuckDB.NET.Native.DuckDBAppender> _allBatches = [];
    private readonly DuckDBLogicalType[] _logicalTypes;
    private readonly IntPtr[] _typeHandles;
    private readonly void*[] _data;
    private readonly ulong*[] _validity;
    private readonly IntPtr[] _vectors;
    private readonly DuckDBDataChunk _chunk;
    private DuckDB.NET.Native.DuckDBAppender _batch;
    private byte[] _textBuffer = new byte[256];
    private int _row;
    private int _chunkTextBytes;
    private int _batchChunks;
    private int _batchTextBytes;
    private int _column;
    private bool _closed;

    public TableWriter(DuckDBConnection connection, string table, AppendQueue queue)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Table = table;
        _connection = connection;
        _queue = queue;
        _batch = NewBatch();
        int columns = (int)NativeMethods.Appender.DuckDBAppenderColumnCount(_batch);
        _types = new DuckDBType[columns];
        _logicalTypes = new DuckDBLogicalType[columns];
        _typeHandles = new IntPtr[columns];
        for (int c = 0; c < columns; c++)
        {
            _logicalTypes[c] = NativeMethods.Appender.DuckDBAppenderColumnType(_batch, (ulong)c);
            _types[c] = NativeMethods.LogicalType.DuckDBGetTypeId(_logicalTypes[c]);
            _typeHandles[c] = _logicalTypes[c].DangerousGetHandle();
        }

        _data = new void*[columns];
        _validity = new ulong*[columns];
        _vectors = new IntPtr[columns];
        _chunk = NativeMethods.DataChunks.DuckDBCreateDataChunk(_typeHandles, (ulong)columns);
        RefreshVectors();
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

    /// <summary>Queues every row given so far: the partly filled chunk and batch.</summary>
    public void Flush()
    {
        if (_row > 0)
        {
            Submit();
        }

        if (_batchChunks > 0)
        {
            HandOver();
        }
    }

    /// <summary>Stores every row (the queue must be drained by the caller) and closes the native appenders.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        foreach (var batch in _allBatches)
        {
            // Every batch is empty here unless Flush was skipped; closing one stores what it holds.
            if (NativeMethods.Appender.DuckDBAppenderClose(batch) != DuckDBState.Success)
            {
                throw Failure(batch, "Storing rows of");
            }
        }
    }

    public void Dispose()
    {
        foreach (var batch in _allBatches)
        {
            if (!_closed)
            {
                // An ingest that failed: destroying an appender would first store what it holds
                // (up to a row group per batch) into a transaction that is about to be rolled back.
                NativeMethods.Appender.DuckDBAppenderClear(batch);
            }

            batch.Dispose();
        }

        _chunk.Dispose();
        foreach (var type in _logicalTypes)
        {
            type.Dispose();
        }

        _free.Dispose();
    }

    /// <summary>Called by the queue's thread: moves a batch's rows into the table.</summary>
    internal void AppendNow(DuckDB.NET.Native.DuckDBAppender batch)
    {
        if (NativeMethods.Appender.DuckDBAppenderFlush(batch) != DuckDBState.Success)
        {
            throw Failure(batch, "Appending to");
        }
    }

    /// <summary>Called by the queue's thread: returns a stored (now empty) batch to the pool.</summary>
    internal void Recycle(DuckDB.NET.Native.DuckDBAppender batch) => _free.Add(batch);

    /// <summary>Copies the filled chunk into the current batch (DuckDB's appender keeps its own copy) and empties it for the next rows.</summary>
    private void Submit()
    {
        NativeMethods.DataChunks.DuckDBDataChunkSetSize(_chunk, (ulong)_row);
        if (NativeMethods.Appender.DuckDBAppendDataChunk(_batch, _chunk) != DuckDBState.Success)
        {
            throw Failure(_batch, "Appending to");
        }

        _batchChunks++;
        _batchTextBytes += _chunkTextBytes;
        NativeMethods.DataChunks.DuckDBDataChunkReset(_chunk);
        RefreshVectors();
        _row = 0;
        _chunkTextBytes = 0;
        if (_batchChunks == FlushEvery || _batchTextBytes >= MaxChunkTextBytes)
        {
            HandOver();
        }
    }

    /// <summary>Queues the current batch for the append thread and takes a free one.</summary>
    private void HandOver()
    {
        int textBytes = _batchTextBytes;
        var batch = _batch;
        _batchChunks = 0;
        _batchTextBytes = 0;
        _queue.Enqueue(this, batch, textBytes);
        if (!_free.TryTake(out _batch!))
        {
            // Batches are made as the append thread falls behind, so a small table keeps one or two.
            _batch = _allBatches.Count < MaxBatches ? NewBatch() : _free.Take();
        }
    }

    private DuckDB.NET.Native.DuckDBAppender NewBatch()
    {
        if (NativeMethods.Appender.DuckDBAppenderCreate(_connection.NativeConnection, null!, Table, out var batch) != DuckDBState.Success)
        {
            var message = NativeMethods.ErrorData.DuckDBErrorDataMessage(NativeMethods.Appender.DuckDBAppenderErrorData(batch));
            batch.Dispose();
            throw new InvalidOperationException($"Cannot append to store table {Table}: {message}");
        }

        _allBatches.Add(batch);
        return batch;
    }

    private void RefreshVectors()
    {
        for (int c = 0; c < _types.Length; c++)
        {
            _vectors[c] = NativeMethods.DataChunks.DuckDBDataChunkGetVector(_chunk, c);
            _data[c] = NativeMethods.Vectors.DuckDBVectorGetData(_vectors[c]);
            _validity[c] = null;
        }
    }

    private InvalidOperationException Failure(DuckDB.NET.Native.DuckDBAppender batch, string action) =>
        new($"{action} {Table} failed: {NativeMethods.ErrorData.DuckDBErrorDataMessage(NativeMethods.Appender.DuckDBAppenderErrorData(batch))}");

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
