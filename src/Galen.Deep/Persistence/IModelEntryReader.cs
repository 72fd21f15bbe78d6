namespace Galen.Deep.Persistence;

/// <summary>Where a model codec reads its named entries from.</summary>
public interface IModelEntryReader
{
    /// <summary>The file or bundle being read, for error messages.</summary>
    string Source { get; }

    bool Contains(string name);

    /// <summary>A readable, seekable stream over an entry; the caller disposes it.</summary>
    Stream Open(string name);
}
