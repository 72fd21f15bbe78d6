using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Galen.Core.Errors;
using Galen.Core.Progress;
using Galen.Deep.Data;
using TorchSharp;

namespace Galen.Deep.Training;

/// <summary>
/// Runs an <see cref="ITrainingProcedure"/> for the configured epochs: batch order from the
/// sampler, learning rate from the schedule, progress and cancellation, validation after each
/// epoch with best-epoch selection and early stopping, checkpoints and resume at the same step,
/// and a clear stop when a loss stops being finite. Model families differ only in the procedure.
/// </summary>
public sealed class TrainingLoop
{
    private readonly TrainerOptions _options;
    private readonly MiniBatchSampler _sampler;
    private readonly string _runSignature;

    /// <param name="options">The run's settings.</param>
    /// <param name="sampler">Which samples form each batch of each epoch.</param>
    /// <param name="runSignature">
    /// Everything that decides the run's numbers beyond <paramref name="options"/> (the model's
    /// settings, as JSON); a resume from a checkpoint with another signature is refused.
    /// </param>
    public TrainingLoop(TrainerOptions options, MiniBatchSampler sampler, string runSignature)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sampler);
        options.Validate();
        _options = options;
        _sampler = sampler;
        _runSignature = Signature(options, runSignature);
    }

    /// <summary>Optimisation steps in the whole run.</summary>
    public long TotalSteps => (long)_options.Epochs * _sampler.BatchesPerEpoch;

    /// <summary>
    /// Trains until every epoch has run or early stopping ends the run. On cancellation the
    /// position is checkpointed (when a folder is set) and <see cref="OperationCanceledException"/>
    /// is thrown; on a non-finite loss, <see cref="TrainingDivergedException"/>.
    /// </summary>
    public TrainingReport Run(ITrainingProcedure procedure, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        CheckProcedure(procedure);
        int batches = _sampler.BatchesPerEpoch;
        _options.Schedule.Validate(batches, TotalSteps);
        var store = _options.CheckpointDirectory is null ? null : new CheckpointStore(_options.CheckpointDirectory);
        var run = new RunState(procedure.LossNames.Count, _runSignature);
        long? resumedAt = null;
        if (_options.Resume && store!.Exists(CheckpointStore.Last))
        {
            // Settings first: weights of another architecture would fail to load with a less helpful message.
            CheckSignature(store.ReadState(CheckpointStore.Last).RunSignature, store.PathOf(CheckpointStore.Last));
            var saved = store.Load(CheckpointStore.Last, procedure);
            run = RunState.From(saved);
            resumedAt = saved.Step;
        }

        var bestWeights = new Dictionary<string, byte[]>();
        var clock = Stopwatch.StartNew();
        long samplesThisProcess = 0;
        var losses = new double[procedure.LossNames.Count];
        var lastReport = TimeSpan.Zero;
        try
        {
            while (run.Stopped is null && run.Epoch < _options.Epochs)
            {
                int epoch = run.Epoch;
                var order = _sampler.EpochOrder(epoch);
                var epochClock = Stopwatch.StartNew();
                SetTraining(procedure, true);
                for (int b = run.BatchInEpoch; b < batches; b++)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        run.PartialSeconds += epochClock.Elapsed.TotalSeconds;
                        store?.Save(CheckpointStore.Last, procedure, run.ToState());
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    double rate = ApplySchedule(procedure, run.Step, batches);
                    var rows = _sampler.Batch(order, b);
                    procedure.TrainStep(rows, losses);
                    for (int k = 0; k < losses.Length; k++)
                    {
                        if (!double.IsFinite(losses[k]))
                        {
                            throw Diverged(procedure, store, run, epoch, b, k, losses[k]);
                        }

                        run.PartialLossSums[k] += losses[k] * rows.Length;
                    }

                    run.PartialSamples += rows.Length;
                    samplesThisProcess += rows.Length;
                    run.Step++;
                    run.BatchInEpoch = b + 1;
                    run.StepLosses.Add((float)losses[0]);
                    run.LastRate = rate;
                    if (progress is not null && clock.Elapsed - lastReport >= _options.ProgressInterval)
                    {
                        lastReport = clock.Elapsed;
                        progress.Report(Report(procedure, run, epoch, b + 1, batches, null));
                    }
                }

                SetTraining(procedure, false);
                IReadOnlyDictionary<string, double> validation;
                try
                {
                    validation = procedure.HasValidation ? procedure.Validate(cancellationToken) : new Dictionary<string, double>();
                }
                catch (OperationCanceledException)
                {
                    run.PartialSeconds += epochClock.Elapsed.TotalSeconds;
                    store?.Save(CheckpointStore.Last, procedure, run.ToState());
                    throw;
                }

                var record = new EpochRecord(
                    epoch + 1,
                    procedure.LossNames.Select((name, k) => (name, k)).ToDictionary(p => p.name, p => run.PartialLossSums[p.k] / Math.Max(1, run.PartialSamples)),
                    validation,
                    run.LastRate,
                    run.PartialSeconds + epochClock.Elapsed.TotalSeconds);
                run.Epochs.Add(record);
                run.StartEpoch(epoch + 1);
                if (procedure.HasValidation && Improved(validation, run))
                {
                    run.BestEpoch = epoch + 1;
                    run.BestValue = validation[_options.Monitor];
                    run.EpochsWithoutImprovement = 0;
                    if (store is null)
                    {
                        Snapshot(procedure, bestWeights);
                    }
                    else
                    {
                        store.Save(CheckpointStore.Best, procedure, run.ToState(), weightsOnly: true);
                    }
                }
                else if (procedure.HasValidation)
                {
                    run.EpochsWithoutImprovement++;
                }

                if (_options.Patience is { } patience && run.EpochsWithoutImprovement >= patience)
                {
                    run.Stopped = TrainingStop.EarlyStopped;
                }
                else if (run.Epoch >= _options.Epochs)
                {
                    run.Stopped = TrainingStop.Completed;
                }

                store?.Save(CheckpointStore.Last, procedure, run.ToState());
                Runtime.NativeHeap.Trim();
                progress?.Report(Report(procedure, run, epoch, batches, batches, validation));
            }

            int weightsFrom = run.Epochs.Count;
            if (_options.RestoreBest && procedure.HasValidation && run.BestEpoch is { } best && best != run.Epochs.Count)
            {
                if (store is not null)
                {
                    store.Load(CheckpointStore.Best, procedure, weightsOnly: true);
                }
                else
                {
                    Restore(procedure, bestWeights);
                }

                weightsFrom = best;
            }

            SetTraining(procedure, false);
            double seconds = clock.Elapsed.TotalSeconds;
            return new TrainingReport(
                run.Epochs.ToArray(),
                run.StepLosses.ToArray(),
                run.Stopped ?? TrainingStop.Completed,
                run.Step,
                _options.Monitor,
                run.BestEpoch,
                weightsFrom,
                seconds,
                seconds > 0 ? samplesThisProcess / seconds : 0,
                resumedAt,
                WritePlot(run, procedure));
        }
        catch (Exception e) when (e is TrainingDivergedException or OperationCanceledException)
        {
            WritePlot(run, procedure);
            throw;
        }
    }

    private void CheckProcedure(ITrainingProcedure procedure)
    {
        if (procedure.LossNames.Count == 0 || procedure.Modules.Count == 0)
        {
            throw new ArgumentException("A training procedure needs at least one loss and one module.", nameof(procedure));
        }

        if (_options.Patience is not null && !procedure.HasValidation)
        {
            throw new GalenConfigurationException(
                "Early stopping (patience) needs validation samples to watch.",
                "Pass a validation set to Fit, or leave patience unset.");
        }

        if (procedure.HasValidation && !procedure.ValidationMetrics.Contains(_options.Monitor))
        {
            throw new GalenConfigurationException(
                $"The monitored metric '{_options.Monitor}' is not computed for this model; it reports {string.Join(", ", procedure.ValidationMetrics)}.",
                "Choose one of those for Monitor.");
        }
    }

    private double ApplySchedule(ITrainingProcedure procedure, long step, int batches)
    {
        double factor = _options.Schedule.Factor(step, batches, TotalSteps);
        double first = 0;
        for (int i = 0; i < procedure.Optimizers.Count; i++)
        {
            var optimizer = procedure.Optimizers[i];
            double rate = optimizer.BaseLearningRate * factor;
            foreach (var group in optimizer.Optimizer.ParamGroups)
            {
                group.LearningRate = rate;
            }

            if (i == 0)
            {
                first = rate;
            }
        }

        return first;
    }

    private bool Improved(IReadOnlyDictionary<string, double> validation, RunState run)
    {
        double value = validation.GetValueOrDefault(_options.Monitor, double.NaN);
        if (double.IsNaN(value))
        {
            return false;
        }

        if (run.BestValue is not { } best)
        {
            return true;
        }

        return MonitoredMetrics.LowerIsBetter(_options.Monitor) ? value < best - _options.MinDelta : value > best + _options.MinDelta;
    }

    private TrainingDivergedException Diverged(ITrainingProcedure procedure, CheckpointStore? store, RunState run, int epoch, int batch, int loss, double value)
    {
        string? restoredFrom = null;
        if (store is not null && store.Exists(CheckpointStore.Last))
        {
            store.Load(CheckpointStore.Last, procedure, weightsOnly: true);
            restoredFrom = store.PathOf(CheckpointStore.Last);
        }

        string name = procedure.LossNames[loss];
        string where = string.Create(
            CultureInfo.InvariantCulture,
            $"Training diverged: the {name} became {value} at epoch {epoch + 1}, batch {batch + 1} of {_sampler.BatchesPerEpoch} (step {run.Step + 1}).");
        string kept = restoredFrom is null
            ? store is null
                ? " The weights are those before the failing step; set a checkpoint directory to keep a last good checkpoint."
                : " The weights are those before the failing step; no epoch had finished, so no checkpoint was written yet."
            : string.Create(CultureInfo.InvariantCulture, $" The weights are restored from the last good checkpoint (end of epoch {run.Epochs.Count}), kept at {restoredFrom}.");
        return new TrainingDivergedException(where + kept, epoch + 1, batch + 1, run.Step + 1, name, value, restoredFrom);
    }

    private WorkProgress Report(ITrainingProcedure procedure, RunState run, int epoch, int batch, int batches, IReadOnlyDictionary<string, double>? validation)
    {
        var detail = new StringBuilder();
        detail.Append(CultureInfo.InvariantCulture, $"epoch {epoch + 1}/{_options.Epochs}");
        double samples = Math.Max(1, run.PartialSamples);
        if (validation is null)
        {
            detail.Append(CultureInfo.InvariantCulture, $" · {procedure.LossNames[0]} {run.PartialLossSums[0] / samples:F4}");
        }
        else
        {
            var record = run.Epochs[^1];
            detail.Append(CultureInfo.InvariantCulture, $" · {procedure.LossNames[0]} {record.Training[procedure.LossNames[0]]:F4}");
            foreach (var (name, value) in validation)
            {
                detail.Append(CultureInfo.InvariantCulture, $" · val {name} {value:F4}");
            }
        }

        double completed = ((double)epoch * batches) + batch;
        return new WorkProgress("train", completed, TotalSteps, detail.ToString());
    }

    private string? WritePlot(RunState run, ITrainingProcedure procedure)
    {
        if (_options.CurvePlotPath is null || run.Epochs.Count == 0)
        {
            return null;
        }

        TrainingCurvePlot.Save(run.Epochs, procedure.LossNames[0], _options.Monitor, _options.CurvePlotPath, run.BestEpoch);
        return Path.GetFullPath(_options.CurvePlotPath);
    }

    private void CheckSignature(string saved, string path)
    {
        if (saved == _runSignature)
        {
            return;
        }

        var before = JsonNode.Parse(saved) as JsonObject;
        var now = JsonNode.Parse(_runSignature) as JsonObject;
        var differing = new List<string>();
        foreach (var name in (before ?? []).Select(p => p.Key).Union((now ?? []).Select(p => p.Key)))
        {
            string? a = before?[name]?.ToJsonString();
            string? b = now?[name]?.ToJsonString();
            if (a != b)
            {
                differing.Add($"{name} ({a ?? "unset"} then, {b ?? "unset"} now)");
            }
        }

        throw new GalenConfigurationException(
            $"The checkpoint {path} was written by a run with different settings: {string.Join("; ", differing)}.",
            "Resume with the original settings, or use a new checkpoint directory to start afresh.");
    }

    private static string Signature(TrainerOptions options, string model)
    {
        var signature = new JsonObject
        {
            ["trainer"] = JsonNode.Parse(Persistence.DeepJson.Write(options.Signature())),
            ["model"] = JsonNode.Parse(string.IsNullOrWhiteSpace(model) ? "{}" : model),
        };

        // Flatten one level so a mismatch names the setting, e.g. "trainer.batch_size".
        var flat = new JsonObject();
        foreach (var (part, node) in signature)
        {
            if (node is JsonObject inner)
            {
                foreach (var (name, value) in inner)
                {
                    flat[part + "." + name] = value?.DeepClone();
                }
            }
            else
            {
                flat[part] = node?.DeepClone();
            }
        }

        return flat.ToJsonString();
    }

    private static void SetTraining(ITrainingProcedure procedure, bool training)
    {
        foreach (var module in procedure.Modules)
        {
            module.Module.train(training);
        }
    }

    private static void Snapshot(ITrainingProcedure procedure, Dictionary<string, byte[]> into)
    {
        foreach (var module in procedure.Modules)
        {
            using var buffer = new MemoryStream();
            module.Module.save(buffer);
            into[module.Name] = buffer.ToArray();
        }
    }

    private static void Restore(ITrainingProcedure procedure, Dictionary<string, byte[]> from)
    {
        foreach (var module in procedure.Modules)
        {
            using var buffer = new MemoryStream(from[module.Name]);
            module.Module.load(buffer, strict: true);
        }
    }

    /// <summary>The mutable position of a run, converted to and from <see cref="TrainingState"/>.</summary>
    private sealed class RunState(int losses, string signature)
    {
        public string Signature { get; private init; } = signature;

        public int Epoch { get; set; }

        public int BatchInEpoch { get; set; }

        public long Step { get; set; }

        public double[] PartialLossSums { get; private set; } = new double[losses];

        public long PartialSamples { get; set; }

        public double PartialSeconds { get; set; }

        public double LastRate { get; set; }

        public List<EpochRecord> Epochs { get; private init; } = [];

        public List<float> StepLosses { get; private init; } = [];

        public int? BestEpoch { get; set; }

        public double? BestValue { get; set; }

        public int EpochsWithoutImprovement { get; set; }

        public TrainingStop? Stopped { get; set; }

        public void StartEpoch(int epoch)
        {
            Epoch = epoch;
            BatchInEpoch = 0;
            Array.Clear(PartialLossSums);
            PartialSamples = 0;
            PartialSeconds = 0;
        }

        public TrainingState ToState() => new(
            Signature,
            Epoch,
            BatchInEpoch,
            Step,
            (double[])PartialLossSums.Clone(),
            PartialSamples,
            PartialSeconds,
            Epochs.ToArray(),
            StepLosses.ToArray(),
            BestEpoch,
            BestValue,
            EpochsWithoutImprovement,
            Stopped);

        public static RunState From(TrainingState state) => new(state.PartialLossSums.Length, state.RunSignature)
        {
            Epoch = state.Epoch,
            BatchInEpoch = state.BatchInEpoch,
            Step = state.Step,
            PartialLossSums = (double[])state.PartialLossSums.Clone(),
            PartialSamples = state.PartialSamples,
            PartialSeconds = state.PartialSeconds,
            LastRate = state.Epochs.Count > 0 ? state.Epochs[^1].LearningRate : 0,
            Epochs = [.. state.Epochs],
            StepLosses = [.. state.StepLosses],
            BestEpoch = state.BestEpoch,
            BestValue = state.BestValue,
            EpochsWithoutImprovement = state.EpochsWithoutImprovement,
            Stopped = state.Stopped,
        };
    }
}
