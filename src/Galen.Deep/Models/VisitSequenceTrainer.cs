using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Deep.Data;
using Galen.Deep.Persistence;
using Galen.Deep.Training;

namespace Galen.Deep.Models;

/// <summary>
/// Trains a visit-sequence model (GRU, LSTM, Transformer or RETAIN) for binary targets
/// (mortality, readmission), multi-label targets (next-visit diagnoses, drug recommendation),
/// multiclass or regression targets: learns the code vocabulary from the training samples, then
/// runs the shared trainer.
/// </summary>
public sealed class VisitSequenceTrainer(VisitSequenceOptions options) : ITrainer<VisitSequenceInputs>
{
    public VisitSequenceOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public string Name => Options.Architecture.ToString().ToLowerInvariant();

    public VisitSequenceModel Fit(
        LabelledSet<VisitSequenceInputs> train,
        LabelledSet<VisitSequenceInputs>? validation = null,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        Options.Validate();
        var vocabulary = CodeVocabulary.Fit(train.Inputs, Options.MinCodeCount);
        var encoding = new VisitEncoding(vocabulary, Options.MaxVisits, Options.UseVisitTimes && train.Inputs.HasVisitTimes);
        var run = new SupervisedTrainer(Options.Training).Fit(
            objective => Options.CreateNetwork(vocabulary.Size, encoding.UsesVisitTimes, objective.Outputs),
            encoding.Encode(train.Inputs, "training samples"),
            train.Targets,
            validation is null ? null : encoding.Encode(validation.Inputs, "validation samples"),
            validation?.Targets,
            DeepJson.Write(Options),
            progress,
            cancellationToken);
        return new VisitSequenceModel(run.Network, run.Objective, encoding, Options, run.Device, run.Report);
    }

    IModel<VisitSequenceInputs> ITrainer<VisitSequenceInputs>.Fit(
        LabelledSet<VisitSequenceInputs> train,
        LabelledSet<VisitSequenceInputs>? validation,
        IProgress<WorkProgress>? progress,
        CancellationToken cancellationToken) => Fit(train, validation, progress, cancellationToken);
}
