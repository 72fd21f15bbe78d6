using System.Text.Json.Serialization;
using Galen.Core.Errors;
using Galen.Deep.Training;

namespace Galen.Deep.Models.Imaging;

/// <summary>
/// Settings of a class-conditional DCGAN and its training. The defaults follow Radford et al.:
/// Adam with learning rate 2·10⁻⁴ and β₁ = 0.5 for both networks, batches of 64.
/// </summary>
public sealed record ImageGanOptions
{
    /// <summary>Size of the generator's latent vector.</summary>
    public int LatentSize { get; init; } = 64;

    /// <summary>Feature maps of the generator's last hidden layer (Radford et al.: 128 for 64×64).</summary>
    public int GeneratorWidth { get; init; } = 32;

    /// <summary>Feature maps of the discriminator's first layer.</summary>
    public int DiscriminatorWidth { get; init; } = 32;

    /// <summary>
    /// Weight of the auxiliary class loss (AC-GAN): the discriminator's cross-entropy on real
    /// images' classes and the generator's on the classes it was asked for. 0 leaves the
    /// conditioning to the projection head alone.
    /// </summary>
    public double ClassLossWeight { get; init; } = 1.0;

    /// <summary>
    /// Target of real images in the discriminator's loss: below 1 is one-sided label smoothing
    /// (Salimans et al. 2016), which keeps the discriminator from growing over-confident.
    /// </summary>
    public double RealLabel { get; init; } = 0.9;

    /// <summary>
    /// How both networks are trained: epochs, batch size, seed, threads, checkpoints. Its
    /// optimiser settings make one optimiser per network.
    /// </summary>
    [JsonIgnore]
    public TrainerOptions Training { get; init; } = new()
    {
        Epochs = 25,
        BatchSize = 64,
        Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 2e-4, Beta1 = 0.5, Beta2 = 0.999, WeightDecay = 0 },
    };

    /// <summary>Throws a <see cref="GalenConfigurationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        ArchitectureChecks.AtLeast(LatentSize, 1, "The latent size");
        ArchitectureChecks.AtLeast(GeneratorWidth, 1, "The generator width");
        ArchitectureChecks.AtLeast(DiscriminatorWidth, 1, "The discriminator width");
        if (!(ClassLossWeight >= 0) || double.IsInfinity(ClassLossWeight))
        {
            throw new GalenConfigurationException($"The class loss weight must be a finite number ≥ 0; it is {ClassLossWeight}.");
        }

        if (!(RealLabel > 0.5 && RealLabel <= 1))
        {
            throw new GalenConfigurationException($"The real-image label must lie in (0.5, 1] (1 = no smoothing); it is {RealLabel}.");
        }

        Training.Validate();
    }

    /// <summary>The networks these settings describe.</summary>
    public ConditionalDcgan CreateNetwork(int channels, int size, int classes) =>
        new(LatentSize, classes, channels, size, GeneratorWidth, DiscriminatorWidth);
}
