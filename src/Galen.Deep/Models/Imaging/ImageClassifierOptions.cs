using System.Text.Json.Serialization;
using Galen.Core.Errors;
using Galen.Deep.Imaging.Transforms;
using Galen.Deep.Training;

namespace Galen.Deep.Models.Imaging;

/// <summary>Settings of an <see cref="ImageResNet"/> image classifier, its training augmentation and its training.</summary>
public sealed record ImageClassifierOptions
{
    /// <summary>Channels of each stage; each stage after the first halves the resolution.</summary>
    public IReadOnlyList<int> Widths { get; init; } = [16, 32, 64];

    /// <summary>Residual blocks per stage.</summary>
    public int BlocksPerStage { get; init; } = 1;

    /// <summary>Stride of the stem convolution: 2 halves the resolution first (cheaper), 1 keeps it.</summary>
    public int StemStride { get; init; } = 2;

    /// <summary>Dropout before the head.</summary>
    public double Dropout { get; init; }

    /// <summary>
    /// Random transforms applied to training batches only (validation and prediction see the
    /// images as they are); each must keep the image shape as a whole.
    /// </summary>
    public IReadOnlyList<ImageTransform> Augmentation { get; init; } = [];

    /// <summary>How the network is trained.</summary>
    [JsonIgnore]
    public TrainerOptions Training { get; init; } = new();

    /// <summary>Throws a <see cref="GalenConfigurationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Widths);
        ArgumentNullException.ThrowIfNull(Augmentation);
        if (Widths.Count == 0 || Widths.Any(w => w < 1))
        {
            throw new GalenConfigurationException($"An image classifier needs at least one stage, each at least 1 channel wide (got [{string.Join(", ", Widths)}]).");
        }

        ArchitectureChecks.AtLeast(BlocksPerStage, 1, "Blocks per stage");
        if (StemStride is not (1 or 2))
        {
            throw new GalenConfigurationException($"The stem stride must be 1 or 2 (got {StemStride}).");
        }

        ArchitectureChecks.Dropout(Dropout);
        foreach (var transform in Augmentation)
        {
            ArgumentNullException.ThrowIfNull(transform);
            transform.Validate();
        }

        Training.Validate();
    }

    /// <summary>The network these settings describe.</summary>
    public ImageResNet CreateNetwork(int channels, int outputs) => new(channels, Widths, BlocksPerStage, StemStride, outputs, Dropout);
}
