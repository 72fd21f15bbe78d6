namespace Galen.Serve.Registry;

/// <summary>Where the registry lives, and a hook for tests that simulate a crash between write steps.</summary>
public sealed record RegistryOptions(string Root)
{
    /// <summary>
    /// Called after each step of a write. Tests throw here (or kill the process) to prove that an
    /// interrupted write leaves the previous state intact.
    /// </summary>
    public Action<RegistryWriteStep>? AfterStep { get; init; }

    /// <summary>The metadata database file.</summary>
    public string DatabasePath => Path.Combine(Root, "registry.duckdb");

    /// <summary>Folder of bundle files, one sub-folder per model id and version.</summary>
    public string BundlesFolder => Path.Combine(Root, "bundles");

    /// <summary>Folder where writes are staged before they are renamed into place.</summary>
    public string TemporaryFolder => Path.Combine(Root, "tmp");

    /// <summary>Holds the number of the last committed change; the service polls it to reload.</summary>
    public string HeadPath => Path.Combine(Root, "HEAD");

    /// <summary>Lock file that serialises writers across processes.</summary>
    public string WriteLockPath => Path.Combine(Root, "write.lock");

    /// <summary>The audit log that records every registry change (and, from the service, every prediction).</summary>
    public string DefaultAuditLogPath => Path.Combine(Root, "audit", "audit.jsonl");
}
