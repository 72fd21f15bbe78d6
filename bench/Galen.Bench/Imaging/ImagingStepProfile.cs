using System.Diagnostics;
using Galen.Deep.Data;
using Galen.Deep.Imaging;
using Galen.Deep.Models.Imaging;
using Galen.Deep.Training;
using Galen.Deep.Training.Objectives;
using static TorchSharp.torch;

namespace Galen.Bench.Imaging;

/// <summary>
/// <c>image-throughput --profile</c>: where one CNN training step's time goes (batch building,
/// forward, backward, optimiser); the PyTorch peer prints the same split with <c>--profile</c>.
/// </summary>
internal static class ImagingStepProfile
{
    public static void Run(ImageClassifierOptions options, ChestFilmData data, int steps)
    {
        var device = TrainingEnvironment.Prepare(options.Training);
        var encoding = ImageEncoding.Fit(data.Set.Inputs);
        var encoded = encoding.Encode(data.Set.Inputs, "films");
        var objective = TrainingObjective.For(data.Set.Targets);
        using var network = options.CreateNetwork(1, objective.Outputs);
        network.train();
        using var optimizer = options.Training.Optimizer.Create(network.parameters());
        var sampler = new MiniBatchSampler(encoded.Count, options.Training.BatchSize, BatchSampling.Shuffled, 1);
        var order = sampler.EpochOrder(0);
        var clocks = Enumerable.Range(0, 4).Select(_ => new Stopwatch()).ToArray();
        for (int step = 0; step < steps + 10; step++)
        {
            if (step == 10)
            {
                foreach (var clock in clocks)
                {
                    clock.Reset();
                }
            }

            using var scope = NewDisposeScope();
            var rows = sampler.Batch(order, step % sampler.BatchesPerEpoch);
            clocks[0].Start();
            var batch = encoded.Batch(rows, device);
            var targets = objective.Targets(data.Set.Targets, rows, device);
            clocks[0].Stop();
            clocks[1].Start();
            var loss = objective.Loss(network.call(batch), targets);
            _ = loss.item<float>();
            clocks[1].Stop();
            clocks[2].Start();
            optimizer.zero_grad();
            loss.backward();
            clocks[2].Stop();
            clocks[3].Start();
            optimizer.step();
            clocks[3].Stop();
        }

        string[] names = ["batch", "forward", "backward", "optimizer"];
        for (int i = 0; i < 4; i++)
        {
            Console.WriteLine($"{names[i],-10}{clocks[i].Elapsed.TotalMilliseconds / steps,8:F2} ms/step");
        }
    }
}
