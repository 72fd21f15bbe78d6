using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Imaging;

/// <summary>
/// The DCGAN discriminator (Radford et al. 2016), conditioned on a class: the image with the
/// class's one-hot vector as extra constant channels goes through strided 4×4 convolutions
/// (each halving the resolution and doubling the width) with LeakyReLU(0.2), batch norm on all
/// but the first, down to 4×4, and a last 4×4 convolution to one logit: real versus generated.
/// </summary>
public sealed class DcganDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    private const double Slope = 0.2;
    private readonly Sequential _layers;

    /// <param name="classes">Classes of the condition.</param>
    /// <param name="channels">Image channels.</param>
    /// <param name="size">Image height and width: 4 × 2ⁿ, n ≥ 1.</param>
    /// <param name="width">Feature maps of the first layer; each layer after it doubles.</param>
    public DcganDiscriminator(int classes, int channels, int size, int width)
        : base(nameof(DcganDiscriminator))
    {
        Classes = classes;
        Channels = channels;
        Size = size;
        int doublings = ConditionalDcgan.Doublings(size);
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("down0", nn.Conv2d(channels + classes, width, 4, stride: 2, padding: 1, bias: false)),
            ("down0_relu", nn.LeakyReLU(Slope)),
        };
        int maps = width;
        for (int i = 1; i < doublings; i++)
        {
            layers.Add(($"down{i}", nn.Conv2d(maps, maps * 2, 4, stride: 2, padding: 1, bias: false)));
            layers.Add(($"down{i}_norm", nn.BatchNorm2d(maps * 2)));
            layers.Add(($"down{i}_relu", nn.LeakyReLU(Slope)));
            maps *= 2;
        }

        layers.Add(("out", nn.Conv2d(maps, 1, 4, stride: 1, padding: 0L, bias: false)));
        _layers = nn.Sequential(layers);
        RegisterComponents();
        ConditionalDcgan.InitializeWeights(this);
    }

    /// <summary>Classes of the condition.</summary>
    public int Classes { get; }

    /// <summary>Image channels.</summary>
    public int Channels { get; }

    /// <summary>Image height and width.</summary>
    public int Size { get; }

    /// <summary>One logit per image [batch]: positive means "real".</summary>
    public override Tensor forward(Tensor images, Tensor classes)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(classes);
        if (images.dim() != 4 || images.shape[1] != Channels || images.shape[2] != Size || images.shape[3] != Size)
        {
            throw new ShapeMismatchException("DcganDiscriminator images", $"[batch, {Channels}, {Size}, {Size}]", images.shape);
        }

        if (classes.dim() != 2 || classes.shape[1] != Classes || classes.shape[0] != images.shape[0])
        {
            throw new ShapeMismatchException("DcganDiscriminator classes", $"[{images.shape[0]}, {Classes}]", classes.shape);
        }

        var maps = classes.view(classes.shape[0], Classes, 1, 1).expand(classes.shape[0], Classes, Size, Size);
        return _layers.call(cat([images, maps], 1)).view(images.shape[0]);
    }
}
