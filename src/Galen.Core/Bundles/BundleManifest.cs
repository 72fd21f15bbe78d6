using Galen.Core.Learning;

namespace Galen.Core.Bundles;

/// <summary>
/// The table of contents of a model bundle, stored as <c>manifest.json</c>: what the model is,
/// what it reads and predicts, how well it did, what data it was fitted on, and which payload
/// entries its codec wrote.
/// </summary>
public sealed record BundleManifest
{
    /// <summary>Version of the container layout (see <see cref="ModelBundle.FormatVersion"/>).</summary>
    public required int FormatVersion { get; init; }

    /// <summary>Model family, naming the codec that reads the payload, e.g. "tabular".</summary>
    public required string Family { get; init; }

    /// <summary>Version of the family's payload layout, checked by its codec.</summary>
    public required int FamilyVersion { get; init; }

    /// <summary>Short model name, e.g. "lightgbm".</summary>
    public required string Name { get; init; }

    /// <summary>Family and settings in words.</summary>
    public required string Description { get; init; }

    public required LabelSchema Schema { get; init; }

    /// <summary>Input features the model expects, in order.</summary>
    public required IReadOnlyList<FeatureSpec> Features { get; init; }

    public required DateTime CreatedUtc { get; init; }

    /// <summary>Galen version that wrote the bundle.</summary>
    public required string GalenVersion { get; init; }

    /// <summary>Fingerprint of the training data.</summary>
    public required DataFingerprint TrainingData { get; init; }

    /// <summary>Headline metrics (point estimates) by name, e.g. "AUROC".</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Facts for the model card.</summary>
    public ModelCardFacts? Card { get; init; }

    /// <summary>Payload entries, as the codec wrote them.</summary>
    public IReadOnlyList<string> Entries { get; init; } = [];

    /// <summary>Other named documents carried with the model (e.g. "evaluation.json").</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];

    /// <summary>Free-form settings (trainer options, seed).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}
