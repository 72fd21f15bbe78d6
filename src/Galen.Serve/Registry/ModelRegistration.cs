namespace Galen.Serve.Registry;

/// <summary>A request to register a bundle file as the next version of a model.</summary>
/// <param name="ModelId">Lower-case letters, digits and dashes, at most 64 characters.</param>
/// <param name="Format">Bundle format; a loader for it must exist where the model is served.</param>
/// <param name="BundleFile">The bundle to copy into the registry.</param>
/// <param name="Title">The model in words.</param>
/// <param name="Lineage">Where the model came from.</param>
/// <param name="Actor">Who registers it.</param>
public sealed record ModelRegistration(string ModelId, string Format, string BundleFile, string Title, ModelLineage Lineage, string Actor);
