using Galen.Core.Errors;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Deep.Tests.Fixtures;
using Galen.Deep.Training;
using TorchSharp;

namespace Galen.Deep.Tests.Training;

/// <summary><see cref="TrainerOptions.Deterministic"/>: the same seed repeats a run bit for bit, whatever the machine's load.</summary>
public sealed class DeterministicTrainingTests
{
    private static TrainerOptions Deterministic(int seed) => Fast.Trainer(epochs: 3, batchSize: 50, seed: seed) with { Threads = null, Deterministic = true };

    [Fact]
    public void Two_deterministic_runs_with_one_seed_are_bit_identical()
    {
        // Wide enough layers that libtorch would split the matrix products across threads.
        var set = Tabular.Noise(400, 64, seed: 3);
        (float[] Losses, double[] Predictions) Run()
        {
            using var model = new MlpTrainer(new MlpOptions { Hidden = [256, 256], Dropout = 0.1, Training = Deterministic(seed: 11) }).Fit(set);
            return (model.Training!.StepLosses.ToArray(), model.Predict(set.Inputs).Values.ToArray());
        }

        var first = Run();
        var second = Run();

        Assert.Equal(first.Losses, second.Losses);
        Assert.Equal(first.Predictions, second.Predictions);
        Assert.NotEqual(first.Losses[0], first.Losses[^1]); // it trained
    }

    public static TheoryData<string> Networks => new() { "gru", "lstm", "transformer", "retain", "ts-gru", "ts-lstm" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Every_task_network_trains_deterministically_and_repeats_bit_for_bit(string name)
    {
        // libtorch refuses an operation that has no deterministic implementation while the switch
        // is on; every network galen train --deterministic offers must train under it.
        var settings = new DeepModelSettings { HiddenSize = 8, EmbeddingSize = 8, Heads = 2, FeedForwardSize = 16, Training = Deterministic(seed: 5) with { Epochs = 1 } };
        double[] Run()
        {
            if (name.StartsWith("ts-", StringComparison.Ordinal))
            {
                var (series, _, warning) = SyntheticSeries.Generate(120, seed: 9);
                var model = DeepModelCatalog.Create<TimeSeriesInputs>(name, settings).Fit(SyntheticSeries.Set(series, SyntheticSeries.Warning, warning));
                using var disposal = (IDisposable)model;
                return model.Predict(series).Values.ToArray();
            }

            var (visits, mortality, _, _) = SyntheticVisits.Generate(120, seed: 9);
            var visitModel = DeepModelCatalog.Create<VisitSequenceInputs>(name, settings).Fit(SyntheticVisits.MortalitySet(visits, mortality));
            using var visitDisposal = (IDisposable)visitModel;
            return visitModel.Predict(visits).Values.ToArray();
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void A_deterministic_run_uses_one_thread_and_deterministic_algorithms_and_the_next_run_restores_the_threads()
    {
        try
        {
            TrainingEnvironment.Prepare(new TrainerOptions { Threads = 2 });
            Assert.Equal(2, torch.get_num_threads());

            TrainingEnvironment.Prepare(new TrainerOptions { Deterministic = true });
            Assert.Equal(1, torch.get_num_threads());
            if (OperatingSystem.IsLinux())
            {
                Assert.True(TrainingEnvironment.DeterministicAlgorithmsEnabled);
            }

            TrainingEnvironment.Prepare(new TrainerOptions());
            Assert.Equal(2, torch.get_num_threads());
            Assert.NotEqual(true, TrainingEnvironment.DeterministicAlgorithmsEnabled);
        }
        finally
        {
            TrainingEnvironment.Prepare(new TrainerOptions { Threads = 1 });
        }
    }

    [Fact]
    public void A_deterministic_run_on_several_threads_is_a_configuration_error()
    {
        var error = Assert.Throws<GalenConfigurationException>(() => new TrainerOptions { Deterministic = true, Threads = 4 }.Validate());

        Assert.Contains("one libtorch thread", error.Message, StringComparison.Ordinal);
    }
}
