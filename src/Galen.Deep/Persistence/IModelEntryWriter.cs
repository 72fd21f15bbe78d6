namespace Galen.Deep.Persistence;

/// <summary>
/// Where a model codec writes its named entries: a zip file today (<see cref="DeepModelArchive"/>),
/// a model bundle's container later.
/// </summary>
public interface IModelEntryWriter
{
    /// <summary>A new entry to write; the caller disposes the stream.</summary>
    Stream Create(string name);
}
