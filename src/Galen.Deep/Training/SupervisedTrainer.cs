using System.Globalization;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Deep.Data;
using Galen.Deep.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Training;

/// <summary>A trained network with what it was trained under.</summary>
/// <param name="Network">The network, in eval mode, on <paramref name="Device"/>.</param>
/// <param name="Objective">Its objective (loss and prediction mapping, regression scaling).</param>
/// <param name="Report">What the run did.</param>
/// <param name="Device">Where the network lives.</param>
public sealed record SupervisedRun<TBatch>(nn.Module<TBatch, Tensor> Network, TrainingObjective Objective, TrainingReport Report, Device Device);

/// <summary>
/// Trains any supervised network on encoded samples: prepares libtorch (threads, seed, device),
/// builds the network after seeding, picks the objective from the target kind, and runs a
/// <see cref="TrainingLoop"/> over a <see cref="SupervisedProcedure{TBatch}"/>. Every model
/// family's <c>ITrainer</c> is this plus its own encoding and network.
/// </summary>
public sealed class SupervisedTrainer(TrainerOptions options)
{
    /// <summary>The run's settings.</summary>
    public TrainerOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Trains a network made by <paramref name="createNetwork"/> (called after seeding, with the objective).</summary>
    /// <param name="createNetwork">Builds the network; its head must produce <see cref="TrainingObjective.Outputs"/> logits.</param>
    /// <param name="train">Encoded training samples.</param>
    /// <param name="trainTargets">Their targets.</param>
    /// <param name="validation">Encoded validation samples, or null.</param>
    /// <param name="validationTargets">Their targets, or null.</param>
    /// <param name="modelSignature">The model's settings as JSON; part of what a resume must match.</param>
    /// <param name="progress">Receives progress with loss and validation metrics.</param>
    /// <param name="cancellationToken">Stops training (after checkpointing when a folder is set).</param>
    public SupervisedRun<TBatch> Fit<TBatch>(
        Func<TrainingObjective, nn.Module<TBatch, Tensor>> createNetwork,
        IBatchSource<TBatch> train,
        TargetMatrix trainTargets,
        IBatchSource<TBatch>? validation,
        TargetMatrix? validationTargets,
        string modelSignature,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(createNetwork);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(trainTargets);
        Options.Validate();
        CheckCounts(train.Count, trainTargets, "training");
        if (validation is not null)
        {
            ArgumentNullException.ThrowIfNull(validationTargets);
            CheckCounts(validation.Count, validationTargets, "validation");
            if (validationTargets.Schema != trainTargets.Schema && !SameSchema(validationTargets.Schema, trainTargets.Schema))
            {
                throw new GalenConfigurationException(
                    $"The validation targets are '{validationTargets.Schema.Name}' but the training targets are '{trainTargets.Schema.Name}'.");
            }

            TrainingObjective.Check(validationTargets, "validation targets");
        }

        var device = TrainingEnvironment.Prepare(Options);
        var objective = TrainingObjective.For(trainTargets);
        var classes = Options.Sampling == BatchSampling.ClassBalanced ? MiniBatchSampler.ClassesOf(trainTargets) : null;
        var sampler = new MiniBatchSampler(train.Count, Options.BatchSize, Options.Sampling, Options.Seed, classes);
        var loop = new TrainingLoop(Options, sampler, modelSignature);
        var network = createNetwork(objective);
        try
        {
            network.to(device);
            using var procedure = new SupervisedProcedure<TBatch>(
                network, objective, train, trainTargets, validation, validationTargets, Options.Optimizer, Options.GradientClipNorm, device);
            var report = loop.Run(procedure, progress, cancellationToken);
            network.eval();
            return new SupervisedRun<TBatch>(network, objective, report, device);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static bool SameSchema(LabelSchema a, LabelSchema b) =>
        a.Name == b.Name && a.Kind == b.Kind && a.Classes.SequenceEqual(b.Classes);

    private static void CheckCounts(int samples, TargetMatrix targets, string part)
    {
        if (samples != targets.Rows)
        {
            throw new GalenInputException(
                $"The {part} set has {samples} samples but {targets.Rows} target rows.",
                new SourceLocation(part + " targets", Field: "rows", Value: targets.Rows.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
