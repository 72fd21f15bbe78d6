using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Deep.Data;
using Galen.Deep.Persistence;
using Galen.Deep.Training;

namespace Galen.Deep.Models;

/// <summary>
/// Trains a GRU or LSTM over vitals and labs with missing-value masks, for regression (disease
/// progression) or classification (early warning): learns channel scaling (and the summary
/// statistics' scaling) from the training samples, then runs the shared trainer.
/// </summary>
public sealed class TimeSeriesTrainer(TimeSeriesOptions options) : ITrainer<TimeSeriesInputs>
{
    public TimeSeriesOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => "ts-" + Options.Cell.ToString().ToLowerInvariant();

    public TimeSeriesModel Fit(
        LabelledSet<TimeSeriesInputs> train,
        LabelledSet<TimeSeriesInputs>? validation = null,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        Options.Validate();
        var encoding = TimeSeriesEncoding.Fit(train.Inputs, Options.MaxSteps, Options.SummaryStatistics);
        var run = new SupervisedTrainer(Options.Training).Fit(
            objective => Options.CreateNetwork(encoding, objective.Outputs),
            encoding.Encode(train.Inputs, "training samples"),
            train.Targets,
            validation is null ? null : encoding.Encode(validation.Inputs, "validation samples"),
            validation?.Targets,
            DeepJson.Write(Options),
            progress,
            cancellationToken);
        return new TimeSeriesModel((TimeSeriesNetwork)run.Network, run.Objective, encoding, Options, run.Device, run.Report);
    }

    IModel<TimeSeriesInputs> ITrainer<TimeSeriesInputs>.Fit(
        LabelledSet<TimeSeriesInputs> train,
        LabelledSet<TimeSeriesInputs>? validation,
        IProgress<WorkProgress>? progress,
        CancellationToken cancellationToken) => Fit(train, validation, progress, cancellationToken);
}
