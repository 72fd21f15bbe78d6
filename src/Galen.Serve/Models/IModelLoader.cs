using Galen.Serve.Registry;

namespace Galen.Serve.Models;

/// <summary>
/// Turns a registered bundle file into a served model. One loader per bundle format; the service
/// picks the loader whose <see cref="Format"/> equals the entry's format.
/// </summary>
public interface IModelLoader
{
    /// <summary>The bundle format this loader reads, e.g. <c>galen-bundle/lightgbm</c>.</summary>
    string Format { get; }

    /// <summary>Loads <paramref name="entry"/>'s bundle (already checked against its SHA-256).</summary>
    IServedModel Load(RegistryEntry entry, CancellationToken cancellationToken);
}
