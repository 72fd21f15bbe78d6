using System.Collections.Concurrent;
using DuckDB.NET.Native;

namespace Galen.Data.Store;

/// <summary>
/// Moves filled batches (native appenders holding up to one row group of rows) into their tables on
/// one background thread, so parsing the next rows and storing the previous ones overlap (two
/// cores: one parses, one stores). Batches are stored in the order they were queued. Statements
/// on the connection run either here or on the caller's thread while the queue is drained, never
/// on both at once. Meanwhile the caller only copies chunks into batches the queue does not hold
/// (each appender keeps its own rows) and, when its table needs one more batch, creates an
/// appender, which takes DuckDB's connection lock and so waits for a flush in progress. Queued
/// text is bounded in bytes as well
/// (<see cref="MaxQueuedTextBytes"/>): batches of long notes would otherwise pile up faster than
/// DuckDB stores them.
/// </summary>
internal sealed class AppendQueue : IDisposable
{
    /// <summary>
    /// Text bytes that may wait in queued batches; past it the producer waits for the append
    /// thread. Counts, codes and numbers never come near it (LABEVENTS queues ~2 MB of text in
    /// its busiest moments); a NOTEEVENTS file does at once.
    /// </summary>
    public const long MaxQueuedTextBytes = 64L << 20;

    private readonly BlockingCollection<(TableWriter Writer, DuckDB.NET.Native.DuckDBAppender Batch, int TextBytes)> _work = new();
    private readonly ManualResetEventSlim _roomForText = new(initialState: true);
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _idle = new(initialState: true);
    private readonly Lock _gate = new();
    private int _pending;
    private long _queuedTextBytes;
    private Exception? _failure;

    public AppendQueue()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "galen-store-append" };
        _thread.Start();
    }

    /// <summary>
    /// Queues a filled batch of <paramref name="writer"/>'s table. The queue itself is unbounded;
    /// each writer's batch pool bounds it (the writer waits for a stored batch when its pool is
    /// used up), so the parser can run a few row groups ahead while DuckDB compresses one.
    /// </summary>
    public void Enqueue(TableWriter writer, DuckDB.NET.Native.DuckDBAppender batch, int textBytes = 0)
    {
        ThrowIfFailed();
        lock (_gate)
        {
            _pending++;
            _idle.Reset();
            _queuedTextBytes += textBytes;
            if (_queuedTextBytes > MaxQueuedTextBytes)
            {
                _roomForText.Reset();
            }
        }

        _work.Add((writer, batch, textBytes));
        if (textBytes > 0)
        {
            // Every queued batch is taken off the count once handled, appended or not (after a
            // failure), so this wait always ends.
            _roomForText.Wait();
        }
    }

    /// <summary>Waits until every queued batch is in DuckDB; rethrows the first append failure.</summary>
    public void Drain()
    {
        _idle.Wait();
        ThrowIfFailed();
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join();
        _work.Dispose();
        _idle.Dispose();
        _roomForText.Dispose();
    }

    private void Run()
    {
        foreach (var (writer, batch, textBytes) in _work.GetConsumingEnumerable())
        {
            try
            {
                if (Volatile.Read(ref _failure) is null)
                {
                    writer.AppendNow(batch);
                }
            }
#pragma warning disable CA1031 // Kept and rethrown on the producer's thread by Drain/Enqueue.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            finally
            {
                writer.Recycle(batch);
                lock (_gate)
                {
                    _queuedTextBytes -= textBytes;
                    if (_queuedTextBytes <= MaxQueuedTextBytes)
                    {
                        _roomForText.Set();
                    }

                    if (--_pending == 0)
                    {
                        _idle.Set();
                    }
                }
            }
        }
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new InvalidOperationException("Writing to the DuckDB store failed: " + failure.Message, failure);
        }
    }
}
