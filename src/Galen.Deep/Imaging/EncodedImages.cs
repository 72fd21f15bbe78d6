using Galen.Deep.Data;
using Galen.Deep.Imaging.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Imaging;

/// <summary>
/// Images ready to batch: batches are float32 [batch, channels, height, width], augmented
/// (when a chain is set) and standardised while they are written into libtorch's memory.
/// Augmentation draws its uniforms from libtorch's generator (one [batch, draws] tensor per
/// batch), so training checkpoints, which restore that generator, resume it exactly.
/// </summary>
public sealed class EncodedImages : IBatchSource<Tensor>
{
    private readonly ImageSet _images;
    private readonly TransformChain? _augmentation;
    private readonly NormalizeIntensity _normalization;

    internal EncodedImages(ImageSet images, TransformChain? augmentation, NormalizeIntensity normalization)
    {
        _images = images;
        _augmentation = augmentation;
        _normalization = normalization;
    }

    public int Count => _images.Count;

    /// <summary>The shape of each image in a batch.</summary>
    public ImageShape Shape => _images.Shape;

    /// <summary>The images before encoding.</summary>
    public ImageSet Images => _images;

    public Tensor Batch(ReadOnlySpan<int> rows, Device device)
    {
        var shape = _images.Shape;
        int values = shape.Values;
        var batch = HostTensors.Empty(ScalarType.Float32, rows.Length, shape.Channels, shape.Height, shape.Width);
        var target = HostTensors.Span<float>(batch);
        if (_augmentation is null)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                _normalization.Apply(_images[rows[i]], shape, target.Slice(i * values, values), default);
            }
        }
        else
        {
            int draws = _augmentation.Draws;
            using var uniforms = draws > 0 ? torch.rand(rows.Length, draws, ScalarType.Float64) : null;
            var u = uniforms is null ? default : HostTensors.Span<double>(uniforms);
            var augmented = new float[values];
            for (int i = 0; i < rows.Length; i++)
            {
                _augmentation.Apply(_images[rows[i]], shape, augmented, draws > 0 ? u.Slice(i * draws, draws) : default);
                _normalization.Apply(augmented, shape, target.Slice(i * values, values), default);
            }
        }

        return HostTensors.On(batch, device);
    }
}
