using Galen.Core.Progress;
using Galen.Deep.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Training;

/// <summary>Settings for <see cref="BinaryMlpTrainer"/>.</summary>
public sealed record BinaryMlpOptions
{
    public IReadOnlyList<int> Hidden { get; init; } = [32, 16];
    public int Epochs { get; init; } = 30;
    public int BatchSize { get; init; } = 128;
    public double LearningRate { get; init; } = 1e-2;
    public double WeightDecay { get; init; } = 1e-4;
    public int Seed { get; init; } = Core.Randomness.Seeds.Default;
}

/// <summary>
/// Trains an <see cref="Mlp"/> with one logit on dense features and binary labels using Adam
/// and binary cross-entropy, shuffling mini-batches from a seeded stream.
/// </summary>
public sealed class BinaryMlpTrainer(BinaryMlpOptions options)
{
    /// <summary>Fits a network. <paramref name="features"/> is row-major, <c>rows × columns</c>.</summary>
    public BinaryMlpClassifier Fit(
        float[] features,
        int columns,
        IReadOnlyList<bool> labels,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        int rows = labels.Count;
        if (features.Length != rows * columns)
        {
            throw new ArgumentException($"features holds {features.Length} values, expected {rows} rows × {columns} columns.", nameof(features));
        }

        torch.manual_seed(options.Seed);
        var rng = Core.Randomness.Seeds.Stream(options.Seed, "mlp.shuffle");
        var network = new Mlp(columns, options.Hidden, 1);
        var optimizer = optim.Adam(network.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
        var x = tensor(features, [rows, columns]);
        var y = tensor(labels.Select(l => l ? 1f : 0f).ToArray(), [rows, 1]);
        var order = Enumerable.Range(0, rows).ToArray();
        network.train();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rng.Shuffle(order);
            double lossSum = 0;
            for (int start = 0; start < rows; start += options.BatchSize)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(options.BatchSize, rows - start);
                var index = tensor(order.AsSpan(start, count).ToArray().Select(i => (long)i).ToArray());
                optimizer.zero_grad();
                var loss = nn.functional.binary_cross_entropy_with_logits(network.call(x.index_select(0, index)), y.index_select(0, index));
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * count;
            }

            progress?.Report(new WorkProgress("epoch", epoch, options.Epochs, $"loss {lossSum / rows:F4}"));
        }

        network.eval();
        x.Dispose();
        y.Dispose();
        return new BinaryMlpClassifier(network);
    }
}

/// <summary>A trained binary MLP: maps features to the probability of the positive class.</summary>
public sealed class BinaryMlpClassifier(Mlp network) : IDisposable
{
    /// <summary>Probability of the positive class for each row of <paramref name="features"/>.</summary>
    public double[] PredictProbabilities(float[] features, int columns)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = network.call(tensor(features, [features.Length / columns, columns]));
        return sigmoid(logits).reshape(-1).data<float>().Select(p => (double)p).ToArray();
    }

    public void Dispose() => network.Dispose();
}
