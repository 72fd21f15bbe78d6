using System.IO.Compression;
using Galen.Core.Errors;
using Galen.Deep.Models;

namespace Galen.Deep.Persistence;

/// <summary>
/// A deep model in one zip file (conventionally <c>.galen-model</c>) holding the
/// <see cref="DeepModelCodec"/>'s entries. The model bundle format will carry the same entries.
/// </summary>
public static class DeepModelArchive
{
    /// <summary>Writes the model to <paramref name="path"/>, replacing any file there only once the new one is complete.</summary>
    public static void Save(IDeepModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        string temporary = full + ".tmp";
        using (var file = File.Create(temporary))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            DeepModelCodec.Write(model, new ZipEntryWriter(zip));
        }

        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Reads a model saved by <see cref="Save"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="device"><c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>auto</c>.</param>
    public static IDeepModel Load(string path, string device = "cpu")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new GalenInputException("The model file does not exist.", new SourceLocation(path));
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            return DeepModelCodec.Read(new ZipEntryReader(zip, path), device);
        }
        catch (InvalidDataException e)
        {
            throw new GalenInputException("The model file is not a readable zip archive: " + e.Message, new SourceLocation(path), inner: e);
        }
    }

    /// <summary>Reads a model of a known family, e.g. <c>Load&lt;VisitSequenceModel&gt;(path)</c>.</summary>
    public static TModel Load<TModel>(string path, string device = "cpu")
        where TModel : class, IDeepModel
    {
        var model = Load(path, device);
        if (model is TModel typed)
        {
            return typed;
        }

        string family = model.Family;
        model.Dispose();
        throw new GalenInputException($"The file holds a '{family}' model, not a {typeof(TModel).Name}.", new SourceLocation(path, Field: "family", Value: family));
    }

    private sealed class ZipEntryWriter(ZipArchive zip) : IModelEntryWriter
    {
        public Stream Create(string name) => zip.CreateEntry(name, CompressionLevel.Fastest).Open();
    }

    private sealed class ZipEntryReader(ZipArchive zip, string source) : IModelEntryReader
    {
        public string Source { get; } = source;

        public bool Contains(string name) => zip.GetEntry(name) is not null;

        public Stream Open(string name)
        {
            var entry = zip.GetEntry(name) ?? throw new GalenInputException($"The model file has no '{name}' entry.", new SourceLocation(Source));

            // TorchSharp's reader seeks; zip entry streams cannot.
            var buffer = new MemoryStream();
            using (var stream = entry.Open())
            {
                stream.CopyTo(buffer);
            }

            buffer.Position = 0;
            return buffer;
        }
    }
}
