using System.IO.Compression;
using System.Reflection;
using System.Text.Json;

namespace Galen.Core.Bundles;

/// <summary>
/// The versioned model artifact: one zip file holding <c>manifest.json</c>, the codec's
/// <c>payload/</c> entries and <c>attachments/</c> (evaluation, model card). The container is
/// family-neutral; each model family brings an <see cref="IModelCodec"/>. A bundle written in a
/// container or payload version this build cannot read fails with an error that names the file,
/// its version and the versions supported.
/// </summary>
public static class ModelBundle
{
    /// <summary>Container layout version written by this build.</summary>
    public const int FormatVersion = 1;

    /// <summary>Container layout versions this build reads.</summary>
    public static readonly IReadOnlyList<int> ReadableFormatVersions = [1];

    /// <summary>Conventional file extension.</summary>
    public const string Extension = ".galen";

    private const string ManifestEntry = "manifest.json";

    /// <summary>
    /// Writes <paramref name="model"/> with the codec that claims it. <paramref name="manifest"/>
    /// supplies the descriptive fields; version, family and entry lists are filled here.
    /// </summary>
    public static BundleManifest Save(
        string path,
        object model,
        BundleManifest manifest,
        IEnumerable<IModelCodec> codecs,
        IReadOnlyDictionary<string, byte[]>? attachments = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(codecs);
        var codec = codecs.FirstOrDefault(c => c.CanWrite(model))
            ?? throw new ArgumentException($"No bundle codec is registered for {model.GetType().Name}.", nameof(model));
        attachments ??= new Dictionary<string, byte[]>();
        string? folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        // Write beside the target and move into place, so a crash never leaves half a bundle.
        string temporary = path + ".partial";
        BundleManifest written;
        using (var file = File.Create(temporary))
        using (var archive = new ZipArchive(file, ZipArchiveMode.Create))
        {
            var writer = new BundleWriter(archive);
            codec.Write(model, writer);
            foreach (var (name, content) in attachments)
            {
                CheckEntryName(name);
                var entry = archive.CreateEntry("attachments/" + name, CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(content);
            }

            written = manifest with
            {
                FormatVersion = FormatVersion,
                Family = codec.Family,
                FamilyVersion = codec.FamilyVersion,
                Entries = writer.Entries.ToArray(),
                Attachments = attachments.Keys.Order(StringComparer.Ordinal).ToArray(),
            };
            var manifestEntry = archive.CreateEntry(ManifestEntry, CompressionLevel.Optimal);
            using var manifestStream = manifestEntry.Open();
            JsonSerializer.Serialize(manifestStream, written, BundleJson.Options);
        }

        File.Move(temporary, path, overwrite: true);
        return written;
    }

    /// <summary>Reads only the manifest (fast: no model is loaded).</summary>
    public static BundleManifest ReadManifest(string path)
    {
        using var archive = OpenArchive(path);
        return ReadManifest(archive, path);
    }

    /// <summary>Reads a bundle back with the codec its manifest names.</summary>
    public static LoadedBundle Load(string path, IEnumerable<IModelCodec> codecs)
    {
        ArgumentNullException.ThrowIfNull(codecs);
        using var archive = OpenArchive(path);
        var manifest = ReadManifest(archive, path);
        var codec = codecs.FirstOrDefault(c => string.Equals(c.Family, manifest.Family, StringComparison.Ordinal))
            ?? throw new BundleFormatException(path, $"it holds a '{manifest.Family}' model and this Galen has no codec for that family (known: {string.Join(", ", codecs.Select(c => c.Family))})", "Load it with the Galen component that trains that model family.");
        if (!codec.ReadableFamilyVersions.Contains(manifest.FamilyVersion))
        {
            throw new BundleFormatException(
                path,
                $"its {manifest.Family} payload has version {manifest.FamilyVersion}, and this Galen reads {manifest.Family} versions {string.Join(", ", codec.ReadableFamilyVersions)}",
                $"The bundle was written by Galen {manifest.GalenVersion}; retrain the model, or load it with that version.");
        }

        object model;
        try
        {
            model = codec.Read(new BundleReader(archive, path, manifest));
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException or InvalidOperationException)
        {
            throw new BundleFormatException(path, $"its {manifest.Family} payload is damaged ({e.Message})", "Save the model again.", e);
        }

        var attachments = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string name in manifest.Attachments)
        {
            var entry = archive.GetEntry("attachments/" + name)
                ?? throw new BundleFormatException(path, $"the attachment '{name}' listed in its manifest is missing");
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            attachments[name] = copy.ToArray();
        }

        return new LoadedBundle(path, manifest, model, attachments);
    }

    /// <summary>This build's version, recorded in manifests.</summary>
    public static string GalenVersion =>
        typeof(ModelBundle).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    internal static void CheckEntryName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains("..", StringComparison.Ordinal) || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a valid bundle entry name.", nameof(name));
        }
    }

    private static ZipArchive OpenArchive(string path)
    {
        if (!File.Exists(path))
        {
            throw new BundleFormatException(path, "the file does not exist", "Check the path given to --bundle.");
        }

        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new BundleFormatException(path, "it is not a zip file, so not a Galen model bundle", "Give the .galen file that `galen train` wrote.", e);
        }
    }

    private static BundleManifest ReadManifest(ZipArchive archive, string path)
    {
        var entry = archive.GetEntry(ManifestEntry)
            ?? throw new BundleFormatException(path, "it has no manifest.json, so it is not a Galen model bundle", "Give the .galen file that `galen train` wrote.");
        JsonDocument document;
        try
        {
            using var stream = entry.Open();
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new BundleFormatException(path, $"its manifest.json is not valid JSON ({e.Message})", null, e);
        }

        using (document)
        {
            // Check the version before binding the rest: a future layout may not bind at all.
            if (!document.RootElement.TryGetProperty("formatVersion", out var version) || !version.TryGetInt32(out int formatVersion))
            {
                throw new BundleFormatException(path, "its manifest.json has no formatVersion", $"This Galen reads bundle format versions {string.Join(", ", ReadableFormatVersions)}.");
            }

            if (!ReadableFormatVersions.Contains(formatVersion))
            {
                throw new BundleFormatException(
                    path,
                    $"it has bundle format version {formatVersion}, and this Galen ({GalenVersion}) reads bundle format versions {string.Join(", ", ReadableFormatVersions)}",
                    formatVersion > FormatVersion ? "It was written by a newer Galen; upgrade Galen to load it." : "It was written by an older Galen; retrain the model, or load it with the Galen version that wrote it.");
            }

            try
            {
                return document.RootElement.Deserialize<BundleManifest>(BundleJson.Options)
                    ?? throw new BundleFormatException(path, "its manifest.json is empty");
            }
            catch (JsonException e)
            {
                throw new BundleFormatException(path, $"its manifest.json does not match format version {formatVersion} ({e.Message})", null, e);
            }
        }
    }
}
