using System.Text;
using System.Threading.Channels;

namespace Galen.Serve.Audit;

/// <summary>
/// The append-only, hash-chained audit log (JSON lines; see <see cref="AuditLineFormat"/>).
/// Callers await <see cref="AppendAsync"/>, which returns once the record is on disk: concurrent
/// appends are grouped into one write and one fsync, so auditing every prediction stays cheap.
/// Appends from several processes (the service and <c>galen models promote</c>) are serialised by
/// a lock file and each writer re-reads the tail when another has written since.
/// </summary>
public sealed class AuditLog : IAsyncDisposable
{
    private const int MaxBatch = 1024;
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private long _knownLength = -1;
    private long _lastSequence;
    private string _lastHash = AuditRecord.GenesisHash;

    private readonly bool _syncEachWrite;
    private readonly TimeSpan _syncInterval;
    private readonly Lock _state = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _syncer;
    private volatile bool _unsynced;

    /// <summary>
    /// Opens (or creates) the log at <paramref name="path"/>. With <paramref name="syncEachWrite"/>
    /// every append waits for an fsync; otherwise an append waits until its record is written to
    /// the operating system (it survives a crash of the process) and the file and its anchor are
    /// fsynced at most <paramref name="syncInterval"/> later (a power loss can lose that window).
    /// </summary>
    public AuditLog(string path, bool syncEachWrite = true, TimeSpan? syncInterval = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _syncEachWrite = syncEachWrite;
        _syncInterval = syncInterval ?? TimeSpan.FromMilliseconds(100);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _writer = Task.Run(WriteLoopAsync);
        _syncer = syncEachWrite ? Task.CompletedTask : Task.Run(SyncLoopAsync);
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>Records written by this instance since it opened.</summary>
    public long Written { get; private set; }

    /// <summary>Appends <paramref name="auditEvent"/> and returns once it is flushed to disk.</summary>
    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var pending = new Pending(auditEvent, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(AuditLog));
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Writes what is queued and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _syncer.ConfigureAwait(false);
        SyncQuietly();
        _stopping.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (true)
        {
            if (!await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                break;
            }

            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                WriteBatch(batch);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetResult();
                }
            }
#pragma warning disable CA1031 // A failed write fails exactly the appends in it; the loop must go on for later ones.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _knownLength = -1;
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(new IOException($"The audit log {Path} could not be written: {e.Message}", e));
                }
            }
        }

    }

    /// <summary>
    /// Every sync interval, fsyncs what was written and moves the anchor up to it. Runs beside the
    /// writer, so appends never wait for the disk.
    /// </summary>
    private async Task SyncLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_syncInterval, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            SyncQuietly();
        }
    }

    /// <summary>Flushes the log to disk and moves the anchor to the last record written before the flush.</summary>
    private void Sync()
    {
        if (!_unsynced)
        {
            return;
        }

        _unsynced = false;
        AuditAnchor head;
        lock (_state)
        {
            head = new AuditAnchor(_lastSequence, _lastHash);
        }

        using (var stream = new FileStream(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            // fsync covers every write made to the file before it, through any handle.
            stream.Flush(flushToDisk: true);
        }

        head.Write(Path);
    }

    private void SyncQuietly()
    {
        try
        {
            Sync();
        }
        catch (IOException)
        {
            // The next write or sync tries again; appends already reported their own success.
        }
    }

    private void WriteBatch(List<Pending> batch)
    {
        using var fileLock = AcquireLock();
        using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, 1 << 16);
        if (stream.Length != _knownLength)
        {
            // Another writer appended (or this is the first write): continue the chain from the file's tail.
            var tail = ReadTail(stream);
            lock (_state)
            {
                (_lastSequence, _lastHash) = tail;
            }
        }

        stream.Seek(0, SeekOrigin.End);
        var text = new StringBuilder();
        long sequence = _lastSequence;
        string previous = _lastHash;
        foreach (var pending in batch)
        {
            var (line, hash) = AuditLineFormat.Format(sequence + 1, DateTimeOffset.UtcNow, pending.Event, previous);
            text.Append(line).Append('\n');
            sequence++;
            previous = hash;
        }

        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
        lock (_state)
        {
            (_lastSequence, _lastHash) = (sequence, previous);
        }

        stream.Flush(flushToDisk: _syncEachWrite);
        _knownLength = stream.Length;
        Written += batch.Count;
        _unsynced = true;
        if (_syncEachWrite)
        {
            new AuditAnchor(_lastSequence, _lastHash).Write(Path);
            _unsynced = false;
        }
    }

    private static (long Sequence, string Hash) ReadTail(FileStream stream)
    {
        string? last = LastLine(stream);
        if (last is null)
        {
            return (0, AuditRecord.GenesisHash);
        }

        var parsed = AuditLineFormat.Parse(last)
            ?? throw new InvalidDataException("The audit log's last line is not a valid audit record; run `galen audit verify` before writing to it.");
        return (parsed.Record.Sequence, parsed.Record.Hash);
    }

    /// <summary>The last non-empty line, read backwards from the end in small blocks.</summary>
    private static string? LastLine(FileStream stream)
    {
        long end = stream.Length;
        while (end > 0)
        {
            stream.Seek(end - 1, SeekOrigin.Begin);
            if (stream.ReadByte() != '\n')
            {
                break;
            }

            end--;
        }

        if (end == 0)
        {
            return null;
        }

        var bytes = new List<byte[]>();
        long position = end;
        const int Block = 4096;
        while (position > 0)
        {
            int size = (int)Math.Min(Block, position);
            position -= size;
            var buffer = new byte[size];
            stream.Seek(position, SeekOrigin.Begin);
            stream.ReadExactly(buffer);
            int newline = Array.LastIndexOf(buffer, (byte)'\n');
            if (newline >= 0)
            {
                bytes.Insert(0, buffer[(newline + 1)..]);
                break;
            }

            bytes.Insert(0, buffer);
        }

        return Encoding.UTF8.GetString(bytes.SelectMany(b => b).ToArray());
    }

    private FileStream AcquireLock()
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }
        }
    }

    private sealed record Pending(AuditEvent Event, TaskCompletionSource Done);
}
