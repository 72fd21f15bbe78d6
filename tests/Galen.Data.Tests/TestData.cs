using Galen.Data.Ingest;
using Galen.Data.Store;

namespace Galen.Data.Tests;

/// <summary>Fixture folders and throwaway stores for tests.</summary>
internal static class TestData
{
    /// <summary>Dates in the fixtures are before this; the default "future" limit is now, which also works.</summary>
    public static readonly IngestOptions Options = new() { LatestValidTime = new DateTime(2030, 1, 1) };

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>A new empty folder under the temp directory, deleted by the caller.</summary>
    public static TempFolder NewFolder() => new();

    /// <summary>An in-memory store with the tiny MIMIC fixture ingested.</summary>
    public static ClinicalStore TinyStore()
    {
        var store = ClinicalStore.InMemory();
        store.Ingest(IngestFormat.Mimic, Fixture("mimic-tiny"), Options);
        return store;
    }
}

/// <summary>A temporary folder removed on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "galen-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A store file still mapped by a finalizer-pending connection; the OS temp cleaner takes it.
        }
    }
}
