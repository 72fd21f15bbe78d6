using System.IO.Compression;
using System.Text;

namespace Galen.Data.Synthetic.Output;

/// <summary>One output file: a CSV table with a header, or a file of lines (JSONL, NDJSON).</summary>
/// <param name="Path">Path relative to the output folder, '/' separated, without ".gz".</param>
/// <param name="Columns">CSV header columns, or null for a file of lines.</param>
/// <param name="Compressible">Whether the writer's compression option applies.</param>
internal sealed record TableFile(string Path, IReadOnlyList<string>? Columns, bool Compressible = true);

/// <summary>
/// An open output file that buffers writes and optionally gzips them. Compressed data reaches
/// the compressor in fixed 1 MiB blocks: deflate's output depends on how its input is split,
/// and batches differ in size, so without the blocks the same seed could give different .gz files.
/// </summary>
internal sealed class TableSink : IDisposable
{
    private const int BlockSize = 1 << 20;

    private readonly FileStream _file;
    private readonly Stream _stream;
    private readonly byte[]? _block;
    private int _blockLength;

    public TableSink(string directory, TableFile table, bool compress)
    {
        RelativePath = table.Path + (compress && table.Compressible ? ".gz" : string.Empty);
        string full = System.IO.Path.Combine(directory, RelativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        _file = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        _stream = compress && table.Compressible ? new GZipStream(_file, CompressionLevel.Fastest, leaveOpen: true) : _file;
        _block = ReferenceEquals(_stream, _file) ? null : new byte[BlockSize];
        if (table.Columns is { } columns)
        {
            Write(Encoding.UTF8.GetBytes(string.Join(',', columns) + "\n"));
        }
    }

    public string RelativePath { get; }

    public long Rows { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes, long rows)
    {
        Write(bytes);
        Rows += rows;
    }

    /// <summary>Flushes and closes; returns the size on disk.</summary>
    public long Close()
    {
        if (_block is not null)
        {
            _stream.Write(_block, 0, _blockLength);
            _blockLength = 0;
            _stream.Dispose();
        }

        _file.Flush();
        long length = _file.Length;
        _file.Dispose();
        return length;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        if (_block is null)
        {
            _stream.Write(bytes);
            return;
        }

        while (bytes.Length > 0)
        {
            int take = Math.Min(bytes.Length, BlockSize - _blockLength);
            bytes[..take].CopyTo(_block.AsSpan(_blockLength));
            _blockLength += take;
            bytes = bytes[take..];
            if (_blockLength == BlockSize)
            {
                _stream.Write(_block, 0, BlockSize);
                _blockLength = 0;
            }
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _file.Dispose();
    }
}
