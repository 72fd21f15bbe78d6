using Galen.Core.Progress;
using Galen.Deep.Training;
using Galen.Evaluation.Metrics;

namespace Galen.Deep.Tests.Training;

public sealed class BinaryMlpTrainerTests
{
    // XOR of two signs: no linear model can rank it better than chance, a hidden layer can.
    private static (float[] Features, bool[] Labels) Xor(int rows, int seed)
    {
        var rng = new Random(seed);
        var features = new float[rows * 2];
        var labels = new bool[rows];
        for (int i = 0; i < rows; i++)
        {
            float a = (float)((rng.NextDouble() * 2) - 1);
            float b = (float)((rng.NextDouble() * 2) - 1);
            features[2 * i] = a;
            features[(2 * i) + 1] = b;
            labels[i] = a * b > 0;
        }

        return (features, labels);
    }

    [Fact]
    public void A_tiny_network_learns_xor_which_a_linear_model_cannot()
    {
        var (trainX, trainY) = Xor(1000, 1);
        var (testX, testY) = Xor(400, 2);
        var trainer = new BinaryMlpTrainer(new BinaryMlpOptions { Hidden = [16], Epochs = 60, BatchSize = 64, LearningRate = 0.03, Seed = 3 });

        using var model = trainer.Fit(trainX, 2, trainY);
        double auroc = BinaryRanking.Auroc(testY, model.PredictProbabilities(testX, 2));

        Assert.True(auroc > 0.95, $"test AUROC {auroc:F3}");
    }

    [Fact]
    public void The_same_seed_gives_the_same_predictions()
    {
        var (x, y) = Xor(300, 5);
        var options = new BinaryMlpOptions { Hidden = [8], Epochs = 5, Seed = 11 };

        using var first = new BinaryMlpTrainer(options).Fit(x, 2, y);
        using var second = new BinaryMlpTrainer(options).Fit(x, 2, y);

        Assert.Equal(first.PredictProbabilities(x, 2), second.PredictProbabilities(x, 2));
    }

    [Fact]
    public void Progress_is_reported_per_epoch_and_cancellation_stops_training()
    {
        var (x, y) = Xor(200, 6);
        var reports = new List<WorkProgress>();
        using var cancel = new CancellationTokenSource();
        var progress = new InlineProgress(report =>
        {
            reports.Add(report);
            if (report.Completed >= 3)
            {
                cancel.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new BinaryMlpTrainer(new BinaryMlpOptions { Epochs = 50 }).Fit(x, 2, y, progress, cancel.Token));
        Assert.Equal([1.0, 2.0, 3.0], reports.Select(r => r.Completed));
        Assert.All(reports, r => Assert.Equal(50, r.Total));
    }

    private sealed class InlineProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
