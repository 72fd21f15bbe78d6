using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Deep.Data;
using Galen.Deep.Persistence;
using Galen.Deep.Training;

namespace Galen.Deep.Models;

/// <summary>
/// Trains an <see cref="Mlp"/> on tabular samples for any target kind: standardises features on
/// the training rows, then runs the shared trainer.
/// </summary>
public sealed class MlpTrainer(MlpOptions options) : ITrainer<FeatureMatrix>
{
    public MlpOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => "mlp";

    public MlpModel Fit(
        LabelledSet<FeatureMatrix> train,
        LabelledSet<FeatureMatrix>? validation = null,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        Options.Validate();
        var scaling = FeatureScaling.Fit(train.Inputs);
        var run = new SupervisedTrainer(Options.Training).Fit(
            objective => Options.CreateNetwork(scaling.Features.Count, objective.Outputs),
            scaling.Encode(train.Inputs, "training features"),
            train.Targets,
            validation is null ? null : scaling.Encode(validation.Inputs, "validation features"),
            validation?.Targets,
            DeepJson.Write(Options),
            progress,
            cancellationToken);
        return new MlpModel((Mlp)run.Network, run.Objective, scaling, Options, run.Device, run.Report);
    }

    IModel<FeatureMatrix> ITrainer<FeatureMatrix>.Fit(
        LabelledSet<FeatureMatrix> train,
        LabelledSet<FeatureMatrix>? validation,
        IProgress<WorkProgress>? progress,
        CancellationToken cancellationToken) => Fit(train, validation, progress, cancellationToken);
}
