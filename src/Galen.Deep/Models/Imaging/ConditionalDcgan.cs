using Galen.Core.Errors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Imaging;

/// <summary>
/// A class-conditional DCGAN (class-conditional batch norm in the generator, projection and
/// auxiliary class heads on the discriminator): its <see cref="Generator"/> and <see cref="Discriminator"/> as
/// one module, so both are saved (as <c>generator.*</c> and <c>discriminator.*</c>) in one
/// state dictionary.
/// </summary>
public sealed class ConditionalDcgan : nn.Module
{
    private readonly DcganGenerator generator;
    private readonly DcganDiscriminator discriminator;

    public ConditionalDcgan(int latent, int classes, int channels, int size, int generatorWidth, int discriminatorWidth)
        : base(nameof(ConditionalDcgan))
    {
        generator = new DcganGenerator(latent, classes, channels, size, generatorWidth);
        discriminator = new DcganDiscriminator(classes, channels, size, discriminatorWidth);
        RegisterComponents();
    }

    public DcganGenerator Generator => generator;

    public DcganDiscriminator Discriminator => discriminator;

    /// <summary>How many times 4×4 doubles to reach <paramref name="size"/>; refuses sizes that are not 4 × 2ⁿ, n ≥ 1.</summary>
    public static int Doublings(int size)
    {
        int doublings = 0;
        for (int s = 4; s < size; s *= 2)
        {
            doublings++;
        }

        if (size < 8 || 4 << doublings != size)
        {
            throw new GalenConfigurationException(
                $"A DCGAN makes square images of 8, 16, 32, 64, 128, … pixels (4 × 2ⁿ); these images are {size} pixels.",
                "Resize the images to one of those sizes.");
        }

        return doublings;
    }

    /// <summary>Radford et al.'s initialisation: convolution weights N(0, 0.02²), batch-norm scales N(1, 0.02²) and shifts 0.</summary>
    internal static void InitializeWeights(nn.Module network)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        foreach (var (_, module) in network.named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    nn.init.normal_(conv.weight!, 0, 0.02);
                    break;
                case ConvTranspose2d transposed:
                    nn.init.normal_(transposed.weight!, 0, 0.02);
                    break;
                case BatchNorm2d norm when norm.weight is not null:
                    nn.init.normal_(norm.weight!, 1, 0.02);
                    nn.init.zeros_(norm.bias!);
                    break;
            }
        }
    }
}
