using Galen.Core.Learning;

namespace Galen.Core.Bundles;

/// <summary>A bundle read back: its manifest, its model and its attachments.</summary>
public sealed class LoadedBundle(string path, BundleManifest manifest, object model, IReadOnlyDictionary<string, byte[]> attachments)
{
    /// <summary>The bundle file.</summary>
    public string Path { get; } = path;

    public BundleManifest Manifest { get; } = manifest;

    /// <summary>The model, as its codec returned it.</summary>
    public object Model { get; } = model;

    /// <summary>Named documents carried with the model (e.g. "evaluation.json").</summary>
    public IReadOnlyDictionary<string, byte[]> Attachments { get; } = attachments;

    /// <summary>The model as an <see cref="IModel{TInputs}"/>; a clear error when it takes other inputs.</summary>
    public IModel<TInputs> ModelFor<TInputs>() =>
        Model as IModel<TInputs>
        ?? throw new BundleFormatException(Path, $"its {Manifest.Family} model does not take {typeof(TInputs).Name} inputs");
}
