using Galen.Core.Errors;
using Galen.Core.Progress;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Deep.Tests.Fixtures;
using Galen.Deep.Training;
using Galen.Deep.Training.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Tests.Training;

public sealed class TrainingLoopTests
{
    private static VisitSequenceOptions Gru(TrainerOptions training) => new()
    {
        Architecture = VisitArchitecture.Gru,
        EmbeddingSize = 16,
        HiddenSize = 16,
        Dropout = 0.3,
        Training = training,
    };

    [Fact]
    public void A_resumed_run_continues_from_the_same_step_with_the_same_losses_as_an_uninterrupted_run()
    {
        var (inputs, y, _, _) = SyntheticVisits.Generate(200, seed: 1);
        var (validationInputs, validationY, _, _) = SyntheticVisits.Generate(60, seed: 2);
        var train = SyntheticVisits.MortalitySet(inputs, y);
        var validation = SyntheticVisits.MortalitySet(validationInputs, validationY);
        var training = Fast.Trainer(epochs: 3, batchSize: 32) with
        {
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.AdamW, LearningRate = 1e-2, WeightDecay = 0.01 },
            Schedule = new CosineSchedule(WarmupFraction: 0.2),
            GradientClipNorm = 1.0,
        };
        using var uninterrupted = new VisitSequenceTrainer(Gru(training)).Fit(train, validation);

        // Same run, cancelled at step 10 (epoch 2, batch 4 of 7), then resumed.
        string folder = Fast.TemporaryDirectory();
        var checkpointed = training with { CheckpointDirectory = folder, ProgressInterval = TimeSpan.Zero };
        using var cancel = new CancellationTokenSource();
        var progress = new Fast.InlineProgress(report =>
        {
            if (report.Completed >= 10)
            {
                cancel.Cancel();
            }
        });
        Assert.ThrowsAny<OperationCanceledException>(() => new VisitSequenceTrainer(Gru(checkpointed)).Fit(train, validation, progress, cancel.Token));
        using var resumed = new VisitSequenceTrainer(Gru(checkpointed with { Resume = true })).Fit(train, validation);

        Assert.Equal(10, resumed.Training!.ResumedAtStep);
        Assert.Equal(uninterrupted.Training!.StepLosses, resumed.Training.StepLosses);
        Assert.Equal(
            uninterrupted.Training.Epochs.Select(e => e.Validation[MonitoredMetrics.Loss]),
            resumed.Training.Epochs.Select(e => e.Validation[MonitoredMetrics.Loss]));
        Assert.Equal(uninterrupted.Predict(validationInputs).Values.ToArray(), resumed.Predict(validationInputs).Values.ToArray());

        // Resuming a finished run trains no further.
        using var finished = new VisitSequenceTrainer(Gru(checkpointed with { Resume = true })).Fit(train, validation);
        Assert.Equal(21, finished.Training!.ResumedAtStep);
        Assert.Equal(21, finished.Training.Steps);
        Assert.Equal(uninterrupted.Predict(validationInputs).Values.ToArray(), finished.Predict(validationInputs).Values.ToArray());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Resuming_with_different_settings_is_refused_naming_the_setting()
    {
        var (inputs, y, _, _) = SyntheticVisits.Generate(40, seed: 3);
        string folder = Fast.TemporaryDirectory();
        var training = Fast.Trainer(epochs: 1, batchSize: 16) with { CheckpointDirectory = folder };
        using (new VisitSequenceTrainer(Gru(training)).Fit(SyntheticVisits.MortalitySet(inputs, y)))
        {
        }

        var error = Assert.Throws<GalenConfigurationException>(() =>
            new VisitSequenceTrainer(Gru(training with { BatchSize = 8, Resume = true })).Fit(SyntheticVisits.MortalitySet(inputs, y)));

        Assert.Contains("trainer.batch_size (16 then, 8 now)", error.Message, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Resuming_a_different_architecture_is_refused_before_any_weight_is_loaded()
    {
        var (inputs, y, _, _) = SyntheticVisits.Generate(40, seed: 3);
        string folder = Fast.TemporaryDirectory();
        var training = Fast.Trainer(epochs: 1, batchSize: 16) with { CheckpointDirectory = folder };
        using (new VisitSequenceTrainer(Gru(training)).Fit(SyntheticVisits.MortalitySet(inputs, y)))
        {
        }

        var error = Assert.Throws<GalenConfigurationException>(() =>
            new VisitSequenceTrainer(Gru(training with { Resume = true }) with { HiddenSize = 24 }).Fit(SyntheticVisits.MortalitySet(inputs, y)));

        Assert.Contains("model.hidden_size (16 then, 24 now)", error.Message, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Training_stops_early_when_validation_stops_improving_and_keeps_the_best_epoch()
    {
        // Noise labels: the validation loss can only get worse once the network starts memorising.
        var train = Tabular.Noise(300, 10, seed: 1);
        var validation = Tabular.Noise(200, 10, seed: 2);
        var options = new MlpOptions
        {
            Hidden = [64, 64],
            Dropout = 0,
            Training = Fast.Trainer(epochs: 60, batchSize: 32, learningRate: 1e-2) with { Patience = 3 },
        };

        using var model = new MlpTrainer(options).Fit(train, validation);
        var report = model.Training!;

        Assert.Equal(TrainingStop.EarlyStopped, report.Stop);
        Assert.True(report.Epochs.Count < 60);
        Assert.Equal(report.BestEpoch!.Value + 3, report.Epochs.Count);
        Assert.Equal(report.BestEpoch, report.WeightsFromEpoch);
        double best = report.Epochs.Min(e => e.Validation[MonitoredMetrics.Loss]);
        Assert.Equal(best, report.Epochs[report.BestEpoch.Value - 1].Validation[MonitoredMetrics.Loss]);
        Assert.Equal(best, BinaryCrossEntropy(validation.Targets.Values, model.Predict(validation.Inputs).Values), 5);
    }

    [Fact]
    public void A_diverging_run_stops_with_the_epoch_and_step_and_keeps_the_last_good_checkpoint()
    {
        string folder = Fast.TemporaryDirectory();
        var options = Fast.Trainer(epochs: 5, batchSize: 10) with { CheckpointDirectory = folder };
        var sampler = new MiniBatchSampler(30, 10, BatchSampling.Sequential, seed: 1);
        using var procedure = new LineFit(failAtStep: 5);

        var error = Assert.Throws<TrainingDivergedException>(() => new TrainingLoop(options, sampler, "{}").Run(procedure));

        Assert.Equal((2, 2, 5L), (error.Epoch, error.Batch, error.Step));
        Assert.Contains("became NaN at epoch 2, batch 2 of 3 (step 5)", error.Message, StringComparison.Ordinal);
        Assert.Contains("last good checkpoint (end of epoch 1)", error.Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(folder, "last.ckpt"), error.LastGoodCheckpoint);
        // Steps 1-3 were epoch 1; the weights are back to the end of that epoch, not step 4.
        Assert.Equal(procedure.WeightAfterStep[2], procedure.Weight, 6);
        Assert.NotEqual(procedure.WeightAfterStep[3], procedure.Weight, 6);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void A_learning_rate_far_too_high_makes_the_loss_infinite_and_stops_training_clearly()
    {
        var set = Tabular.Xor(200, 9);
        var options = new MlpOptions { Hidden = [8], Training = Fast.Trainer(epochs: 5) with { Optimizer = new OptimizerOptions { Kind = OptimizerKind.Sgd, LearningRate = 1e12, WeightDecay = 0 } } };

        var error = Assert.Throws<TrainingDivergedException>(() => new MlpTrainer(options).Fit(set));

        Assert.Contains("Training diverged: the loss became", error.Message, StringComparison.Ordinal);
        Assert.Contains("Lower the learning rate", error.Message, StringComparison.Ordinal);
        Assert.False(double.IsFinite(error.Value));
    }

    [Fact]
    public void The_same_seed_gives_the_same_model_and_another_seed_another()
    {
        var set = Tabular.Xor(300, 5);
        MlpOptions Options(int seed) => new() { Hidden = [8], Dropout = 0.2, Training = Fast.Trainer(epochs: 3, seed: seed) };

        using var first = new MlpTrainer(Options(11)).Fit(set);
        using var second = new MlpTrainer(Options(11)).Fit(set);
        using var other = new MlpTrainer(Options(12)).Fit(set);

        Assert.Equal(first.Predict(set.Inputs).Values.ToArray(), second.Predict(set.Inputs).Values.ToArray());
        Assert.NotEqual(first.Predict(set.Inputs).Values.ToArray(), other.Predict(set.Inputs).Values.ToArray());
    }

    [Fact]
    public void Progress_reports_loss_and_validation_metrics_and_cancellation_stops_training()
    {
        var set = Tabular.Xor(200, 6);
        var reports = new List<WorkProgress>();
        using var cancel = new CancellationTokenSource();
        var progress = new Fast.InlineProgress(report =>
        {
            reports.Add(report);
            if (report.Detail!.StartsWith("epoch 3/", StringComparison.Ordinal) && report.Detail.Contains("val", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        });
        var options = new MlpOptions { Hidden = [8], Training = Fast.Trainer(epochs: 50) with { Monitor = MonitoredMetrics.Auroc } };

        Assert.ThrowsAny<OperationCanceledException>(() => new MlpTrainer(options).Fit(set, Tabular.Xor(100, 7), progress, cancel.Token));

        var epochEnds = reports.Where(r => r.Detail!.Contains("val auroc", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, epochEnds.Length);
        Assert.All(reports, r => Assert.Equal(("train", 50 * 7.0), (r.Stage, r.Total!.Value)));
        Assert.Equal([7.0, 14.0, 21.0], epochEnds.Select(r => r.Completed));
        Assert.Matches(@"^epoch 1/50 · loss \d\.\d{4} · val loss \d\.\d{4} · val auroc \d\.\d{4}$", epochEnds[0].Detail);
    }

    [Fact]
    public void Gradient_clipping_bounds_the_size_of_each_update()
    {
        var set = Tabular.Xor(64, 8);
        double Update(double? clip)
        {
            var training = Fast.Trainer(epochs: 1, batchSize: 64) with
            {
                Sampling = BatchSampling.Sequential,
                GradientClipNorm = clip,
                Optimizer = new OptimizerOptions { Kind = OptimizerKind.Sgd, LearningRate = 1.0, Momentum = 0, WeightDecay = 0 },
            };
            var options = new MlpOptions { Hidden = [16], Dropout = 0, Training = training };
            manual_seed(Core.Randomness.Seeds.Derive(training.Seed, TrainingEnvironment.TorchSeedStream));
            using var initial = options.CreateNetwork(2, 1);
            using var model = new MlpTrainer(options).Fit(set);
            using var scope = NewDisposeScope();
            var squares = initial.parameters().Zip(model.Network.parameters(), (a, b) => (a - b).pow(2).sum()).Aggregate((a, b) => a + b);
            return Math.Sqrt(squares.item<float>());
        }

        double clipped = Update(1e-3);
        double free = Update(null);

        Assert.True(clipped <= 1e-3 * 1.001, $"clipped update {clipped}");
        Assert.True(free > 10 * clipped, $"free update {free}, clipped {clipped}");
    }

    [Fact]
    public void The_training_curve_is_written_as_a_png()
    {
        string folder = Fast.TemporaryDirectory();
        string path = Path.Combine(folder, "curves", "mlp.png");
        var options = new MlpOptions { Hidden = [8], Training = Fast.Trainer(epochs: 3) with { CurvePlotPath = path, Monitor = MonitoredMetrics.Auroc } };

        using var model = new MlpTrainer(options).Fit(Tabular.Xor(100, 1), Tabular.Xor(50, 2));

        Assert.Equal(path, model.Training!.CurvePlotPath);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        Assert.True(bytes.Length > 5000);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Early_stopping_without_validation_data_is_a_configuration_error()
    {
        var options = new MlpOptions { Training = Fast.Trainer() with { Patience = 2 } };

        var error = Assert.Throws<GalenConfigurationException>(() => new MlpTrainer(options).Fit(Tabular.Xor(50, 1)));

        Assert.Contains("needs validation samples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Monitoring_a_metric_the_target_does_not_have_is_a_configuration_error_listing_those_it_has()
    {
        var (series, slope, _) = SyntheticSeries.Generate(40, seed: 1);
        var set = SyntheticSeries.Set(series, SyntheticSeries.Progression, slope);
        var options = new TimeSeriesOptions { Training = Fast.Trainer() with { Monitor = MonitoredMetrics.Auroc } };

        var error = Assert.Throws<GalenConfigurationException>(() => new TimeSeriesTrainer(options).Fit(set, set));

        Assert.Contains("'auroc' is not computed for this model; it reports loss, rmse, mae", error.Message, StringComparison.Ordinal);
    }

    private static double BinaryCrossEntropy(ReadOnlySpan<float> targets, ReadOnlySpan<double> probabilities)
    {
        double sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            sum -= targets[i] == 1f ? Math.Log(probabilities[i]) : Math.Log(1 - probabilities[i]);
        }

        return sum / targets.Length;
    }

    /// <summary>Fits y = 2x with one weight by SGD, and reports NaN at a chosen step without updating.</summary>
    private sealed class LineFit : ITrainingProcedure, IDisposable
    {
        private readonly int _failAtStep;
        private readonly TorchSharp.Modules.Linear _line;
        private readonly torch.optim.Optimizer _optimizer;
        private int _step;

        public LineFit(int failAtStep)
        {
            _failAtStep = failAtStep;
            _line = nn.Linear(1, 1, hasBias: false);
            _optimizer = optim.SGD(_line.parameters(), 0.1);
            Modules = [new TrainedModule("line", _line)];
            Optimizers = [new ScheduledOptimizer("sgd", _optimizer, 0.1)];
        }

        public List<double> WeightAfterStep { get; } = [];

        public double Weight => _line.weight!.item<float>();

        public IReadOnlyList<string> LossNames { get; } = ["loss"];

        public IReadOnlyList<TrainedModule> Modules { get; }

        public IReadOnlyList<ScheduledOptimizer> Optimizers { get; }

        public bool HasValidation => false;

        public IReadOnlyList<string> ValidationMetrics { get; } = [];

        public void TrainStep(ReadOnlySpan<int> rows, Span<double> losses)
        {
            _step++;
            if (_step == _failAtStep)
            {
                losses[0] = double.NaN;
                return;
            }

            using var scope = NewDisposeScope();
            var x = tensor(rows.ToArray().Select(r => (float)r / 30).ToArray()).unsqueeze(1);
            var loss = (_line.call(x) - (2 * x)).pow(2).mean();
            _optimizer.zero_grad();
            loss.backward();
            _optimizer.step();
            losses[0] = loss.item<float>();
            WeightAfterStep.Add(Weight);
        }

        public IReadOnlyDictionary<string, double> Validate(CancellationToken cancellationToken) => new Dictionary<string, double>();

        public void Dispose()
        {
            _optimizer.Dispose();
            _line.Dispose();
        }
    }
}
