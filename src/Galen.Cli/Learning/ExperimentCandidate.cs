using System.Diagnostics;
using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Core.Splits;

namespace Galen.Cli.Learning;

/// <summary>What one candidate produced on a hold-out split.</summary>
/// <param name="Model">The fitted model (an <see cref="IModel{TInputs}"/>; a network is <see cref="IDisposable"/>).</param>
/// <param name="Description">Family and settings in words.</param>
/// <param name="TestPredictions">Predictions for the test samples, in split order.</param>
/// <param name="Seconds">Wall time of the fit.</param>
public sealed record CandidateFit(object Model, string Description, Predictions TestPredictions, double Seconds);

/// <summary>
/// One model to train in an experiment: a name, the kind of samples it reads, and how to fit it
/// on the training part of a split and predict the test part. Generic over the inputs, so
/// tabular models and networks over sequences are compared on the same patients.
/// </summary>
public abstract class ExperimentCandidate
{
    /// <summary>The model's name on the leaderboard, e.g. "lightgbm" or "ts-gru".</summary>
    public abstract string Name { get; }

    /// <summary>The samples it reads: "tabular", "visit-sequences" or "time-series".</summary>
    public abstract string Inputs { get; }

    /// <summary>Fits on <see cref="HoldOutSplit.Train"/> (validation for early stopping only) and predicts <see cref="HoldOutSplit.Test"/>.</summary>
    public abstract CandidateFit Fit(HoldOutSplit split, IProgress<WorkProgress>? progress, CancellationToken cancellationToken);

    /// <summary>A candidate over samples of type <typeparamref name="TInputs"/>.</summary>
    public static ExperimentCandidate Create<TInputs>(string name, string inputs, Func<ITrainer<TInputs>> trainer, LabelledSet<TInputs> data)
        where TInputs : IInputs<TInputs> => new Candidate<TInputs>(name, inputs, trainer, data);

    private sealed class Candidate<TInputs>(string name, string inputs, Func<ITrainer<TInputs>> trainer, LabelledSet<TInputs> data) : ExperimentCandidate
        where TInputs : IInputs<TInputs>
    {
        public override string Name => name;

        public override string Inputs => inputs;

        public override CandidateFit Fit(HoldOutSplit split, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
        {
            var train = data.Select(split.Train);
            var validation = split.Validation.Count > 0 ? data.Select(split.Validation) : null;
            var clock = Stopwatch.StartNew();
            var model = trainer().Fit(train, validation, progress, cancellationToken);
            double seconds = clock.Elapsed.TotalSeconds;
            return new CandidateFit(model, model.Description, model.Predict(data.Inputs.Select(split.Test)), seconds);
        }
    }
}
