namespace Galen.Core.Bundles;

/// <summary>
/// Writes and reads one model family's payload inside a bundle. Each family (tabular ML.NET
/// models, TorchSharp networks, ...) registers one codec; the container never knows the payload.
/// </summary>
public interface IModelCodec
{
    /// <summary>Family name stored in the manifest, e.g. "tabular".</summary>
    string Family { get; }

    /// <summary>Payload layout version this codec writes.</summary>
    int FamilyVersion { get; }

    /// <summary>Payload layout versions this codec reads.</summary>
    IReadOnlyList<int> ReadableFamilyVersions { get; }

    /// <summary>Whether <paramref name="model"/> belongs to this family.</summary>
    bool CanWrite(object model);

    /// <summary>Writes the model's payload entries.</summary>
    void Write(object model, BundleWriter writer);

    /// <summary>Reads the model back from its payload entries.</summary>
    object Read(BundleReader reader);
}
