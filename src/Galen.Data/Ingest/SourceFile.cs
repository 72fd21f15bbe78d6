using System.IO.Compression;

namespace Galen.Data.Ingest;

/// <summary>One input file and the source table (or resource stream) it holds.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Table">Source table name in upper case ("LABEVENTS", "PERSON"), or "BUNDLE" / "NDJSON" for FHIR.</param>
/// <param name="RelativeName">The name reports use when the file sits in a subfolder of the source ("bundles/10000001.json"); null: the file name.</param>
internal sealed record SourceFile(string Path, string Table, string? RelativeName = null)
{
    public string Name => RelativeName ?? System.IO.Path.GetFileName(Path);

    public long Bytes => new FileInfo(Path).Length;

    public bool Compressed => Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens the file for one pass: decompressed content, with the raw bytes hashed and counted as they are read.</summary>
    public (Stream Content, HashingReadStream Raw) Open()
    {
        var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var raw = new HashingReadStream(file);
        Stream content = Compressed ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        return (content, raw);
    }
}
