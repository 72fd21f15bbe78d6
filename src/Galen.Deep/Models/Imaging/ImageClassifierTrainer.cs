using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Deep.Imaging;
using Galen.Deep.Imaging.Transforms;
using Galen.Deep.Persistence;
using Galen.Deep.Training;

namespace Galen.Deep.Models.Imaging;

/// <summary>
/// Trains an <see cref="ImageResNet"/> on images for any target kind (binary, multiclass,
/// multi-label; regression too): learns per-channel intensity statistics from the training
/// images, augments training batches with the configured transforms, and runs the shared trainer.
/// </summary>
public sealed class ImageClassifierTrainer(ImageClassifierOptions options) : ITrainer<ImageSet>
{
    public ImageClassifierOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => "cnn";

    public ImageClassifierModel Fit(
        LabelledSet<ImageSet> train,
        LabelledSet<ImageSet>? validation = null,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        Options.Validate();
        var encoding = ImageEncoding.Fit(train.Inputs);
        var run = new SupervisedTrainer(Options.Training).Fit(
            objective => Options.CreateNetwork(encoding.Shape.Channels, objective.Outputs),
            encoding.Encode(train.Inputs, "training images", new TransformChain(Options.Augmentation)),
            train.Targets,
            validation is null ? null : encoding.Encode(validation.Inputs, "validation images"),
            validation?.Targets,
            DeepJson.Write(Options),
            progress,
            cancellationToken);
        return new ImageClassifierModel((ImageResNet)run.Network, run.Objective, encoding, Options, run.Device, run.Report);
    }

    IModel<ImageSet> ITrainer<ImageSet>.Fit(
        LabelledSet<ImageSet> train,
        LabelledSet<ImageSet>? validation,
        IProgress<WorkProgress>? progress,
        CancellationToken cancellationToken) => Fit(train, validation, progress, cancellationToken);
}
