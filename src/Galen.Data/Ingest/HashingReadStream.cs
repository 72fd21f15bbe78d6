using System.IO.Hashing;

namespace Galen.Data.Ingest;

/// <summary>
/// A read-only pass over a file that hashes (XxHash128) and counts every byte read, so a file's
/// identity is known after one pass without reading it twice.
/// </summary>
internal sealed class HashingReadStream(Stream inner) : Stream
{
    private readonly XxHash128 _hash = new();

    /// <summary>Bytes read so far (of the file, before any decompression).</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>Hex digest of everything read so far; call after reading to the end.</summary>
    public string Digest() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    /// <summary>Hashes a whole file in one pass, the same way as reading it through this stream.</summary>
    public static string HashFile(string path)
    {
        using var stream = new HashingReadStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));
        var buffer = new byte[1 << 20];
        while (stream.Read(buffer, 0, buffer.Length) > 0)
        {
        }

        return stream.Digest();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        _hash.Append(buffer[..read]);
        BytesRead += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
