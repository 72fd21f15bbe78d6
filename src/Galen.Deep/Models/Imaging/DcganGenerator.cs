using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Imaging;

/// <summary>
/// The DCGAN generator (Radford et al. 2016), conditioned on a class: the latent vector and
/// the class's one-hot vector are projected to a 4×4 map by a transposed convolution, then each
/// transposed convolution (4×4, stride 2) doubles the resolution and halves the width, with
/// batch norm and ReLU between; the last layer has no batch norm and ends in tanh ([−1, 1]).
/// </summary>
public sealed class DcganGenerator : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Sequential _layers;

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
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("project", nn.ConvTranspose2d(latent + classes, maps, 4, stride: 1, padding: 0, bias: false)),
            ("project_norm", nn.BatchNorm2d(maps)),
            ("project_relu", nn.ReLU()),
        };
        for (int i = 1; i < doublings; i++)
        {
            layers.Add(($"up{i}", nn.ConvTranspose2d(maps, maps / 2, 4, stride: 2, padding: 1, bias: false)));
            layers.Add(($"up{i}_norm", nn.BatchNorm2d(maps / 2)));
            layers.Add(($"up{i}_relu", nn.ReLU()));
            maps /= 2;
        }

        layers.Add(("out", nn.ConvTranspose2d(maps, channels, 4, stride: 2, padding: 1, bias: false)));
        layers.Add(("tanh", nn.Tanh()));
        _layers = nn.Sequential(layers);
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
        return _layers.call(input.view(input.shape[0], input.shape[1], 1, 1));
    }
}
