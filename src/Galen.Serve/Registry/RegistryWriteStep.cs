namespace Galen.Serve.Registry;

/// <summary>
/// The steps of a registration, in order. Only the last one makes the new version visible,
/// so a crash after any earlier step leaves the registry as it was.
/// </summary>
public enum RegistryWriteStep
{
    /// <summary>The bundle and its manifest are copied into a temporary folder and flushed to disk.</summary>
    StagedInTemporaryFolder,

    /// <summary>The temporary folder is renamed to its final place; no metadata points at it yet.</summary>
    BundlePlaced,

    /// <summary>The metadata transaction committed: the version exists.</summary>
    MetadataCommitted,
}
