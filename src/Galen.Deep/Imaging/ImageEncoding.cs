using System.Globalization;
using Galen.Core.Errors;
using Galen.Deep.Imaging.Transforms;

namespace Galen.Deep.Imaging;

/// <summary>
/// What an image model learned about its inputs: their shape, and each channel's mean and
/// standard deviation over the training images, which every batch is standardised with.
/// </summary>
/// <param name="Shape">The shape every input must have.</param>
/// <param name="Mean">Per-channel mean of the training images.</param>
/// <param name="Sd">Per-channel standard deviation of the training images.</param>
public sealed record ImageEncoding(ImageShape Shape, IReadOnlyList<double> Mean, IReadOnlyList<double> Sd)
{
    /// <summary>Learns channel statistics from the training images only.</summary>
    public static ImageEncoding Fit(ImageSet train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0)
        {
            throw new GalenConfigurationException("There are no training images to learn intensity statistics from.");
        }

        var (mean, sd) = train.ChannelStatistics();

        // A constant channel carries no information; scaling by 1 keeps it finite.
        return new ImageEncoding(train.Shape, mean, [.. sd.Select(s => s > 1e-8 ? s : 1.0)]);
    }

    /// <summary>Values mapped to [−1, 1] from [0, 1] (a GAN's tanh range): mean 0.5, sd 0.5 for every channel.</summary>
    public static ImageEncoding Symmetric(ImageShape shape) =>
        new(shape, [.. Enumerable.Repeat(0.5, shape.Channels)], [.. Enumerable.Repeat(0.5, shape.Channels)]);

    /// <summary>The standardisation step.</summary>
    public NormalizeIntensity Normalization => new() { Mean = Mean, Sd = Sd };

    /// <summary>
    /// The images ready for batching; refuses images of another shape. With
    /// <paramref name="augmentation"/>, every batch is augmented (before standardisation) with
    /// uniforms drawn from libtorch's generator; the chain must end in this encoding's shape.
    /// </summary>
    public EncodedImages Encode(ImageSet images, string source, TransformChain? augmentation = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Shape != Shape)
        {
            throw new GalenInputException(
                $"The model takes images of {Shape} (channels × height × width) but these are {images.Shape}.",
                new SourceLocation(source, Field: "shape", Value: images.Shape.ToString()),
                "Read or resize the images to the size the model was trained on.");
        }

        if (augmentation is { IsEmpty: false } && augmentation.OutputShape(Shape) != Shape)
        {
            throw new GalenConfigurationException(
                string.Create(CultureInfo.InvariantCulture, $"The augmentation turns {Shape} images into {augmentation.OutputShape(Shape)}; it must keep the model's input shape."),
                "Follow a crop with a resize back to the input size, or use a random resized crop to the input size.");
        }

        return new EncodedImages(images, augmentation is { IsEmpty: false } ? augmentation : null, Normalization);
    }
}
