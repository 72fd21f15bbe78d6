using System.Globalization;
using Galen.Deep.Data;
using Galen.Deep.Imaging;
using Galen.Deep.Training;
using Galen.Deep.Training.Objectives;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Imaging;

/// <summary>A trained image classifier (<see cref="ImageResNet"/>) with the intensity statistics it learned, and Grad-CAM saliency maps.</summary>
public sealed class ImageClassifierModel : DeepModel<ImageSet, Tensor>
{
    /// <summary>Family name in saved files.</summary>
    public const string FamilyName = "image-classifier";

    private const int SaliencyBatch = 64;

    public ImageClassifierModel(ImageResNet network, TrainingObjective objective, ImageEncoding encoding, ImageClassifierOptions options, Device device, TrainingReport? training)
        : base(network, objective, device, training)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        ArgumentNullException.ThrowIfNull(options);
        ResNet = network;
        Encoding = encoding;
        Options = options;
    }

    public override string Family => FamilyName;

    /// <summary>The network.</summary>
    public ImageResNet ResNet { get; }

    /// <summary>Input shape and intensity statistics learned from the training images.</summary>
    public ImageEncoding Encoding { get; }

    /// <summary>The network's settings.</summary>
    public ImageClassifierOptions Options { get; }

    public override string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"ResNet, widths {string.Join("-", Options.Widths)}, {Options.BlocksPerStage} block(s) per stage, stem stride {Options.StemStride}, {Encoding.Shape} images, {Options.Augmentation.Count} augmentation step(s)");

    public override IBatchSource<Tensor> Encode(ImageSet inputs, string source) => Encoding.Encode(inputs, source);

    /// <summary>
    /// Grad-CAM maps, one per image, at the images' resolution: for <paramref name="classIndex"/>,
    /// or each image's most likely class when null (binary: the positive class).
    /// </summary>
    public IReadOnlyList<SaliencyMap> Saliency(ImageSet images, int? classIndex = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (classIndex is { } k && (k < 0 || k >= Math.Max(2, Schema.Width)))
        {
            throw new Core.Errors.GalenConfigurationException($"Class {k} does not exist; '{Schema.Name}' has classes {string.Join(", ", Schema.Classes)}.");
        }

        var source = Encode(images, "images");
        var maps = new List<SaliencyMap>(images.Count);
        var rows = new int[Math.Min(SaliencyBatch, images.Count)];
        for (int start = 0; start < images.Count; start += SaliencyBatch)
        {
            int count = Math.Min(SaliencyBatch, images.Count - start);
            for (int i = 0; i < count; i++)
            {
                rows[i] = start + i;
            }

            using var scope = NewDisposeScope();
            maps.AddRange(GradCam.Compute(ResNet, source.Batch(rows.AsSpan(0, count), Device), Schema, classIndex));
        }

        return maps;
    }
}
