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

    public AuditLog(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _writer = Task.Run(WriteLoopAsync);
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
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
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

    private void WriteBatch(List<Pending> batch)
    {
        using var fileLock = AcquireLock();
        using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, 1 << 16);
        if (stream.Length != _knownLength)
        {
            // Another writer appended (or this is the first write): continue the chain from the file's tail.
            (_lastSequence, _lastHash) = ReadTail(stream);
        }

        stream.Seek(0, SeekOrigin.End);
        var text = new StringBuilder();
        foreach (var pending in batch)
        {
            var (line, hash) = AuditLineFormat.Format(_lastSequence + 1, DateTimeOffset.UtcNow, pending.Event, _lastHash);
            text.Append(line).Append('\n');
            _lastSequence++;
            _lastHash = hash;
        }

        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
        stream.Flush(flushToDisk: true);
        _knownLength = stream.Length;
        new AuditAnchor(_lastSequence, _lastHash).Write(Path);
        Written += batch.Count;
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
