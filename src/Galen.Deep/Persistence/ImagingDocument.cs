using Galen.Deep.Imaging;
using Galen.Deep.Models.Imaging;

namespace Galen.Deep.Persistence;

/// <summary>The image families' part of a <see cref="DeepModelDocument"/>: settings and what was learned about the images.</summary>
public sealed record ImagingDocument
{
    /// <summary>Image classifiers: the network's settings (with its training augmentation).</summary>
    public ImageClassifierOptions? Classifier { get; init; }

    /// <summary>Image classifiers: input shape and intensity statistics.</summary>
    public ImageEncoding? Encoding { get; init; }

    /// <summary>GANs: the networks' settings.</summary>
    public ImageGanOptions? Gan { get; init; }

    /// <summary>GANs: shape of the generated images.</summary>
    public ImageShape? Shape { get; init; }

    /// <summary>GANs: share of each class among the training images.</summary>
    public IReadOnlyList<double>? ClassShares { get; init; }
}
