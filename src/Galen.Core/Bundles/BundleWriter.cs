using System.IO.Compression;

namespace Galen.Core.Bundles;

/// <summary>Adds payload entries to a bundle being written; entries live under <c>payload/</c>.</summary>
public sealed class BundleWriter
{
    private readonly ZipArchive _archive;
    private readonly List<string> _entries = [];

    internal BundleWriter(ZipArchive archive) => _archive = archive;

    /// <summary>Entry names written so far.</summary>
    public IReadOnlyList<string> Entries => _entries;

    /// <summary>Writes an entry by streaming into it.</summary>
    public void Add(string name, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ModelBundle.CheckEntryName(name);
        if (_entries.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Bundle entry '{name}' was written twice.", nameof(name));
        }

        var entry = _archive.CreateEntry("payload/" + name, CompressionLevel.Optimal);
        using (var stream = entry.Open())
        {
            write(stream);
        }

        _entries.Add(name);
    }

    /// <summary>Writes an entry from bytes.</summary>
    public void Add(string name, byte[] content) => Add(name, stream => stream.Write(content));
}
