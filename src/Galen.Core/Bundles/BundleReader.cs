using System.IO.Compression;

namespace Galen.Core.Bundles;

/// <summary>Reads payload entries of an open bundle; errors name the bundle file.</summary>
public sealed class BundleReader
{
    private readonly ZipArchive _archive;

    internal BundleReader(ZipArchive archive, string path, BundleManifest manifest)
    {
        _archive = archive;
        Path = path;
        Manifest = manifest;
    }

    /// <summary>The bundle file.</summary>
    public string Path { get; }

    public BundleManifest Manifest { get; }

    public bool Contains(string name) => _archive.GetEntry("payload/" + name) is not null;

    /// <summary>The entry's bytes; a missing entry is a clear error naming the bundle.</summary>
    public byte[] ReadAllBytes(string name)
    {
        var entry = _archive.GetEntry("payload/" + name)
            ?? throw new BundleFormatException(Path, $"it has no payload entry '{name}', which its {Manifest.Family} codec needs", "The bundle is incomplete or damaged; save the model again.");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
