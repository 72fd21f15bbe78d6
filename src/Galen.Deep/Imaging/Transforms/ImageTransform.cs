using System.Text.Json.Serialization;

namespace Galen.Deep.Imaging.Transforms;

/// <summary>
/// One step of image preprocessing or augmentation, MONAI-style: a small record with one job.
/// A random transform declares how many uniform numbers in [0, 1) it needs per image
/// (<see cref="Draws"/>) and takes them as an argument, so whoever applies it decides where
/// randomness comes from: the trainer draws them from libtorch's generator, which checkpoints
/// restore, so a resumed run augments exactly as the uninterrupted run would have.
/// Transforms are saved with a model as JSON (<c>"transform": "flip"</c>, …).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "transform")]
[JsonDerivedType(typeof(Flip), "flip")]
[JsonDerivedType(typeof(Rotate), "rotate")]
[JsonDerivedType(typeof(RandomCrop), "random_crop")]
[JsonDerivedType(typeof(CenterCrop), "center_crop")]
[JsonDerivedType(typeof(RandomResizedCrop), "random_resized_crop")]
[JsonDerivedType(typeof(Resize), "resize")]
[JsonDerivedType(typeof(ScaleIntensity), "scale_intensity")]
[JsonDerivedType(typeof(ShiftIntensity), "shift_intensity")]
[JsonDerivedType(typeof(RandomGamma), "random_gamma")]
[JsonDerivedType(typeof(GaussianNoise), "gaussian_noise")]
[JsonDerivedType(typeof(NormalizeIntensity), "normalize_intensity")]
public abstract record ImageTransform
{
    /// <summary>Uniform numbers in [0, 1) the transform consumes per image; 0 for a deterministic transform.</summary>
    [JsonIgnore]
    public virtual int Draws => 0;

    /// <summary>The shape of the output for an input of <paramref name="input"/>.</summary>
    public virtual ImageShape OutputShape(ImageShape input) => input;

    /// <summary>
    /// Writes the transformed image to <paramref name="destination"/> (of
    /// <see cref="OutputShape"/>), reading <paramref name="draws"/> (<see cref="Draws"/> values).
    /// Source and destination never overlap.
    /// </summary>
    public abstract void Apply(ReadOnlySpan<float> source, ImageShape shape, Span<float> destination, ReadOnlySpan<double> draws);

    /// <summary>Throws a <see cref="Core.Errors.GalenConfigurationException"/> naming the setting that cannot work.</summary>
    public virtual void Validate()
    {
    }

    /// <summary>Checks a probability setting.</summary>
    protected static void CheckProbability(double probability, string transform)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new Core.Errors.GalenConfigurationException($"The probability of {transform} must be in [0, 1] (got {probability}).");
        }
    }

    /// <summary>Checks an output size.</summary>
    protected static void CheckSize(int height, int width, string transform)
    {
        if (height < 1 || width < 1)
        {
            throw new Core.Errors.GalenConfigurationException($"The output size of {transform} must be at least 1×1 (got {height}×{width}).");
        }
    }
}
