using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Imaging;

/// <summary>
/// The DCGAN generator (Radford et al. 2016), conditioned on a class at every stage: the latent
/// vector and the class's one-hot vector are projected to a 4×4 map by a transposed convolution;
/// each later stage doubles the resolution by nearest-neighbour upsampling followed by a 3×3
/// convolution (Odena et al. 2016: no checkerboard texture, which stride-2 transposed
/// convolutions draw) that halves the width. Every hidden stage ends in class-conditional batch
/// norm (<see cref="ConditionalBatchNorm"/>) and ReLU; the last convolution ends in tanh ([−1, 1]).
/// </summary>
public sealed class DcganGenerator : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ConvTranspose2d project;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> up;
    private readonly ModuleList<ConditionalBatchNorm> norms;
    private readonly Conv2d output;

    /// <param name="latent">Size of the latent vector.</param>
    /// <param name="classes">Classes it can be asked for.</param>
    /// <param name="channels">Image channels.</param>
    /// <param name="size">Image height and width: 4 × 2ⁿ, n ≥ 1.</param>
    /// <param name="width">Feature maps of the last hidden layer; each layer before it doubles.</param>
    public DcganGenerator(int latent, int classes, int channels, int size, int width)
        : base(nameof(DcganGenerator))
    {
        Latent = latent;
        Classes = classes;
        int doublings = ConditionalDcgan.Doublings(size);
        int maps = width << (doublings - 1);
        project = nn.ConvTranspose2d(latent + classes, maps, 4, stride: 1, padding: 0, bias: false);
        up = nn.ModuleList<nn.Module<Tensor, Tensor>>();
        norms = nn.ModuleList<ConditionalBatchNorm>();
        norms.Add(new ConditionalBatchNorm(maps, classes));
        for (int i = 1; i < doublings; i++)
        {
            up.Add(nn.Conv2d(maps, maps / 2, 3, padding: 1, bias: false));
            norms.Add(new ConditionalBatchNorm(maps / 2, classes));
            maps /= 2;
        }

        output = nn.Conv2d(maps, channels, 3, padding: 1);
        RegisterComponents();
        ConditionalDcgan.InitializeWeights(this);
    }

    /// <summary>Size of the latent vector.</summary>
    public int Latent { get; }

    /// <summary>Classes it can be asked for.</summary>
    public int Classes { get; }

    /// <summary>Images [batch, channels, size, size] in [−1, 1] from latents [batch, latent] and one-hot classes [batch, classes].</summary>
    public override Tensor forward(Tensor latent, Tensor classes)
    {
        ArgumentNullException.ThrowIfNull(latent);
        ArgumentNullException.ThrowIfNull(classes);
        if (latent.dim() != 2 || latent.shape[1] != Latent)
        {
            throw new ShapeMismatchException("DcganGenerator latent", $"[batch, {Latent}]", latent.shape);
        }

        if (classes.dim() != 2 || classes.shape[1] != Classes || classes.shape[0] != latent.shape[0])
        {
            throw new ShapeMismatchException("DcganGenerator classes", $"[{latent.shape[0]}, {Classes}]", classes.shape);
        }

        var input = cat([latent, classes], 1);
        var maps = nn.functional.relu(norms[0].call(project.call(input.view(input.shape[0], input.shape[1], 1, 1)), classes));
        for (int i = 0; i < up.Count; i++)
        {
            maps = nn.functional.relu(norms[i + 1].call(up[i].call(Doubled(maps)), classes));
        }

        return output.call(Doubled(maps)).tanh();
    }

    private static Tensor Doubled(Tensor maps) => nn.functional.interpolate(maps, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);
}
