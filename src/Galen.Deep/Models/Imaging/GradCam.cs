using Galen.Core.Learning;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Imaging;

/// <summary>
/// Grad-CAM (Selvaraju et al. 2017) for an <see cref="ImageResNet"/>: the gradient of a class's
/// score (its logit, before softmax or sigmoid) with respect to the last residual block's
/// activations, averaged over each channel's positions, weights that channel; the weighted sum
/// over channels, through a ReLU, is upsampled (bilinear) to the image and scaled to [0, 1].
/// Reads the network in eval mode and never touches its parameters' gradients.
/// </summary>
public static class GradCam
{
    /// <summary>Maps for a batch of encoded images [batch, channels, height, width].</summary>
    /// <param name="network">The trained network.</param>
    /// <param name="batch">Encoded images.</param>
    /// <param name="schema">What the network predicts.</param>
    /// <param name="classIndex">The class to explain; null explains each image's most likely class (binary: the positive class).</param>
    public static SaliencyMap[] Compute(ImageResNet network, Tensor batch, LabelSchema schema, int? classIndex = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(schema);
        int count = (int)batch.shape[0];
        int height = (int)batch.shape[2];
        int width = (int)batch.shape[3];
        using var scope = NewDisposeScope();
        Tensor features;
        using (no_grad())
        {
            features = network.Features(batch);
        }

        features = features.detach().requires_grad_(true);
        Tensor logits;
        using (enable_grad())
        {
            logits = network.Classify(features);
        }

        var classes = new int[count];
        Tensor scores;
        if (schema.Kind == LabelKind.Binary || schema.Kind == LabelKind.Regression)
        {
            int k = classIndex ?? 1;
            Array.Fill(classes, k);
            scores = k == 0 ? logits[.., 0].neg() : logits[.., 0];
        }
        else
        {
            using (no_grad())
            {
                var chosen = classIndex is { } k ? full(count, (long)k, ScalarType.Int64) : logits.argmax(1);
                var values = chosen.data<long>().ToArray();
                for (int i = 0; i < count; i++)
                {
                    classes[i] = (int)values[i];
                }
            }

            scores = logits.gather(1, tensor(Array.ConvertAll(classes, c => (long)c)).unsqueeze(1)).squeeze(1);
        }

        var gradients = autograd.grad([scores.sum()], [features])[0];
        Tensor maps;
        using (no_grad())
        {
            var weights = gradients.mean([2, 3], keepdim: true);
            var cam = nn.functional.relu((weights * features).sum(1, keepdim: true));
            maps = nn.functional.interpolate(cam, [height, width], mode: InterpolationMode.Bilinear, align_corners: false).squeeze(1).contiguous().cpu();
        }

        var all = maps.data<float>().ToArray();
        var result = new SaliencyMap[count];
        int plane = height * width;
        for (int i = 0; i < count; i++)
        {
            var values = all.AsSpan(i * plane, plane).ToArray();
            float peak = values.Max();
            if (peak > 0)
            {
                for (int p = 0; p < values.Length; p++)
                {
                    values[p] = Math.Max(0f, values[p] / peak);
                }
            }
            else
            {
                Array.Clear(values);
            }

            string name = schema.Kind == LabelKind.Regression ? schema.Name : schema.Classes[classes[i]];
            result[i] = new SaliencyMap(height, width, values, classes[i], name);
        }

        return result;
    }
}
