using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Imaging;

/// <summary>
/// The DCGAN discriminator (Radford et al. 2016) with a projection head (Miyato &amp; Koyama
/// 2018) and an auxiliary class head (AC-GAN, Odena et al. 2017). Strided 4×4 convolutions
/// (each halving the resolution and doubling the width) with LeakyReLU(0.2), batch norm on all
/// but the first, reduce the image to 4×4 features φ(x). The real-versus-generated logit is
/// ψ(φ(x)) + ⟨embed(class), φ(x)⟩: the class enters as an inner product with the features, so
/// a generated image of the wrong class looks fake. The auxiliary head reads the class from
/// φ(x) alone; its cross-entropy trains it on real images and the generator on its own.
/// </summary>
public sealed class DcganDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    private const double Slope = 0.2;
    private readonly Sequential features;
    private readonly Linear realness;
    private readonly Linear projection;
    private readonly Linear classifier;

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
            ("down0", nn.Conv2d(channels, width, 4, stride: 2, padding: 1, bias: false)),
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

        Features = maps * 16;
        features = nn.Sequential(layers);
        realness = nn.Linear(Features, 1);
        projection = nn.Linear(classes, Features, hasBias: false);
        classifier = nn.Linear(Features, classes);
        RegisterComponents();
        ConditionalDcgan.InitializeWeights(this);
        using var _ = no_grad();
        double bound = 1 / Math.Sqrt(Features);
        nn.init.uniform_(projection.weight!, -bound, bound); // on the scale of ψ's weights
    }

    /// <summary>Classes of the condition.</summary>
    public int Classes { get; }

    /// <summary>Image channels.</summary>
    public int Channels { get; }

    /// <summary>Image height and width.</summary>
    public int Size { get; }

    /// <summary>Length of φ(x), the flattened 4×4 features both heads read.</summary>
    public int Features { get; }

    /// <summary>One logit per image [batch]: positive means "a real image of this class".</summary>
    public override Tensor forward(Tensor images, Tensor classes) => Judge(images, classes).Realness;

    /// <summary>
    /// The real-versus-generated logit [batch] of each image as an image of its class, and the
    /// auxiliary head's class logits [batch, classes].
    /// </summary>
    public (Tensor Realness, Tensor ClassLogits) Judge(Tensor images, Tensor classes)
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

        var phi = features.call(images).flatten(1);
        var logit = realness.call(phi).view(images.shape[0]) + projection.call(classes).mul(phi).sum(1);
        return (logit, classifier.call(phi));
    }
}
