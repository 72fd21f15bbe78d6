namespace Galen.Serve.Registry;

/// <summary>One registered version of a model.</summary>
/// <param name="ModelId">Stable name of the model, e.g. <c>in-hospital-mortality</c>.</param>
/// <param name="Version">1, 2, 3… in registration order per model id.</param>
/// <param name="Stage">Staging, production or archived.</param>
/// <param name="Format">Bundle format, which picks the loader, e.g. <c>galen-bundle/lightgbm</c>.</param>
/// <param name="BundlePath">Absolute path of the bundle file, held opaquely.</param>
/// <param name="BundleSha256">Hex SHA-256 of the bundle file, checked before loading.</param>
/// <param name="BundleBytes">Size of the bundle file.</param>
/// <param name="Title">The model in words, for lists and cards.</param>
/// <param name="Lineage">Data fingerprint, task, configuration and metrics.</param>
/// <param name="RegisteredBy">Who registered it.</param>
/// <param name="RegisteredAt">When it was registered (UTC).</param>
public sealed record RegistryEntry(
    string ModelId,
    int Version,
    ModelStage Stage,
    string Format,
    string BundlePath,
    string BundleSha256,
    long BundleBytes,
    string Title,
    ModelLineage Lineage,
    string RegisteredBy,
    DateTimeOffset RegisteredAt)
{
    /// <summary><c>id@version</c>, the way logs, audit records and FHIR <c>method</c> name a version.</summary>
    public string Key => $"{ModelId}@{Version}";
}
