using System.IO.Compression;
using System.Text;

namespace Galen.Data.Synthetic.Output;

/// <summary>One output file: a CSV table with a header, or a file of lines (JSONL, NDJSON).</summary>
/// <param name="Path">Path relative to the output folder, '/' separated, without ".gz".</param>
/// <param name="Columns">CSV header columns, or null for a file of lines.</param>
/// <param name="Compressible">Whether the writer's compression option applies.</param>
internal sealed record TableFile(string Path, IReadOnlyList<string>? Columns, bool Compressible = true);

/// <summary>An open output file that buffers writes and optionally gzips them.</summary>
internal sealed class TableSink : IDisposable
{
    private readonly FileStream _file;
    private readonly Stream _stream;

    public TableSink(string directory, TableFile table, bool compress)
    {
        RelativePath = table.Path + (compress && table.Compressible ? ".gz" : string.Empty);
        string full = System.IO.Path.Combine(directory, RelativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        _file = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        _stream = compress && table.Compressible ? new GZipStream(_file, CompressionLevel.Fastest, leaveOpen: true) : _file;
        if (table.Columns is { } columns)
        {
            _stream.Write(Encoding.UTF8.GetBytes(string.Join(',', columns) + "\n"));
        }
    }

    public string RelativePath { get; }

    public long Rows { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes, long rows)
    {
        _stream.Write(bytes);
        Rows += rows;
    }

    /// <summary>Flushes and closes; returns the size on disk.</summary>
    public long Close()
    {
        if (!ReferenceEquals(_stream, _file))
        {
            _stream.Dispose();
        }

        _file.Flush();
        long length = _file.Length;
        _file.Dispose();
        return length;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _file.Dispose();
    }
}
