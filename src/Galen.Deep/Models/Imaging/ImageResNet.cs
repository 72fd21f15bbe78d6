using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Imaging;

/// <summary>
/// A small ResNet for image classification: a 3×3 stem (conv → batch norm → ReLU, stride 1 or
/// 2), stages of <see cref="ResidualBlock"/>s (each stage after the first halves the resolution
/// and widens), global average pooling, dropout and a linear head with one logit per output.
/// <see cref="Features"/> and <see cref="Classify"/> split it at the last block, where
/// Grad-CAM reads activations and gradients.
/// </summary>
public sealed class ImageResNet : nn.Module<Tensor, Tensor>
{
    private readonly Sequential _stem;
    private readonly ModuleList<ResidualBlock> _blocks = new();
    private readonly Dropout _dropout;
    private readonly Linear _head;

    /// <param name="channels">Image channels.</param>
    /// <param name="widths">Channels of each stage, first to last.</param>
    /// <param name="blocksPerStage">Residual blocks in each stage.</param>
    /// <param name="stemStride">Stride of the stem: 2 halves the resolution before the first stage.</param>
    /// <param name="outputs">Logits per image.</param>
    /// <param name="dropout">Dropout before the head.</param>
    public ImageResNet(int channels, IReadOnlyList<int> widths, int blocksPerStage, int stemStride, int outputs, double dropout)
        : base(nameof(ImageResNet))
    {
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        Channels = channels;
        _stem = nn.Sequential(
            nn.Conv2d(channels, widths[0], 3, stride: stemStride, padding: 1, bias: false),
            nn.BatchNorm2d(widths[0]),
            nn.ReLU());
        int width = widths[0];
        for (int stage = 0; stage < widths.Count; stage++)
        {
            for (int block = 0; block < blocksPerStage; block++)
            {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                _blocks.Add(new ResidualBlock(width, widths[stage], stride));
                width = widths[stage];
            }
        }

        FeatureChannels = width;
        _dropout = nn.Dropout(dropout);
        _head = nn.Linear(width, outputs);
        RegisterComponents();
    }

    /// <summary>Image channels the network expects.</summary>
    public int Channels { get; }

    /// <summary>Channels of the last block's activations.</summary>
    public int FeatureChannels { get; }

    public override Tensor forward(Tensor input) => Classify(Features(input));

    /// <summary>Activations of the last residual block, [batch, <see cref="FeatureChannels"/>, h, w].</summary>
    public Tensor Features(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() != 4 || input.shape[1] != Channels)
        {
            throw new ShapeMismatchException("ImageResNet input", $"[batch, {Channels}, height, width]", input.shape);
        }

        var x = ChannelsLast(_stem.call(input));
        foreach (var block in _blocks)
        {
            x = block.call(x);
        }

        return x;
    }

    /// <summary>
    /// The same activations laid out channels-last (NHWC strides; shape and values unchanged).
    /// libtorch's oneDNN convolutions run their backward pass 2–3× faster on channels-last
    /// activations of these few channels (16-channel 3×3 at 32×32: 3 ms against 8–9 ms per
    /// batch of 64), and convolutions, batch norm, ReLU and the residual additions keep the
    /// layout, so converting once after the stem moves every block onto the faster kernels.
    /// The stem's input cannot carry it: for one-channel images both layouts have the same strides.
    /// </summary>
    private static Tensor ChannelsLast(Tensor activations) =>
        activations.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    /// <summary>Logits from last-block activations: global average pool → dropout → linear.</summary>
    public Tensor Classify(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var pooled = nn.functional.adaptive_avg_pool2d(features, 1).flatten(1);
        return _head.call(_dropout.call(pooled));
    }
}
