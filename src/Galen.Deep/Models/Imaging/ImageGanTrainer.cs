using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Deep.Data;
using Galen.Deep.Imaging;
using Galen.Deep.Persistence;
using Galen.Deep.Training;
using TorchSharp;

namespace Galen.Deep.Models.Imaging;

/// <summary>
/// Trains a class-conditional DCGAN on labelled images through the shared
/// <see cref="TrainingLoop"/> (batch order, schedule, progress, cancellation, checkpoints and
/// resume, divergence handling, curve) with a <see cref="GanProcedure"/>: two networks, an
/// optimiser each.
/// </summary>
public sealed class ImageGanTrainer(ImageGanOptions options)
{
    public ImageGanOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Trains on <paramref name="train"/>: square images of 8, 16, 32, 64, … pixels with a binary or multiclass label.</summary>
    public ImageGanModel Fit(LabelledSet<ImageSet> train, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        Options.Validate();
        var shape = train.Inputs.Shape;
        if (shape.Height != shape.Width)
        {
            throw new GalenConfigurationException($"A DCGAN makes square images; these are {shape.Height}×{shape.Width}.", "Crop or resize the images to a square.");
        }

        ConditionalDcgan.Doublings(shape.Height);
        var schema = train.Targets.Schema;
        if (schema.Kind is not (LabelKind.Binary or LabelKind.Multiclass))
        {
            throw new GalenConfigurationException(
                $"A conditional GAN needs one class per image (binary or multiclass); '{schema.Name}' is {schema.Kind}.");
        }

        Training.Objectives.TrainingObjective.Check(train.Targets, "training targets");
        if (train.Count != train.Targets.Rows)
        {
            throw new GalenInputException(
                $"The training set has {train.Count} images but {train.Targets.Rows} target rows.",
                new Core.Errors.SourceLocation("training targets", Field: "rows"));
        }

        var classes = MiniBatchSampler.ClassesOf(train.Targets);
        int classCount = schema.Classes.Count;
        var shares = Enumerable.Range(0, classCount).Select(c => classes.Count(v => v == c) / (double)classes.Length).ToArray();
        var training = Options.Training;
        var device = TrainingEnvironment.Prepare(training);
        var sampler = new MiniBatchSampler(train.Count, training.BatchSize, training.Sampling, training.Seed, training.Sampling == BatchSampling.ClassBalanced ? classes : null);
        var loop = new TrainingLoop(training, sampler, DeepJson.Write(Options));
        var network = Options.CreateNetwork(shape.Channels, shape.Height, classCount);
        try
        {
            network.to(device);
            using var procedure = new GanProcedure(network, ImageEncoding.Symmetric(shape).Encode(train.Inputs, "training images"), classes, classCount, Options, device);
            var report = loop.Run(procedure, progress, cancellationToken);
            return new ImageGanModel(network, shape, schema, shares, Options, device, report);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
