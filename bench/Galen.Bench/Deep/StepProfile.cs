using System.Diagnostics;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Deep.Training;
using Galen.Deep.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Bench.Deep;

/// <summary>
/// <c>deep-profile</c>: where one training step's time goes (batch building, forward, backward,
/// optimiser), for finding what to optimise; the PyTorch peer prints the same split with
/// <c>--profile</c>.
/// </summary>
internal static class StepProfile
{
    public static int Run(VisitSequenceOptions options, Core.Learning.LabelledSet<VisitSequenceInputs> data, int steps)
    {
        var device = TrainingEnvironment.Prepare(options.Training);
        var vocabulary = CodeVocabulary.Fit(data.Inputs);
        var encoded = new VisitEncoding(vocabulary, options.MaxVisits, UsesVisitTimes: false).Encode(data.Inputs);
        var objective = TrainingObjective.For(data.Targets);
        using var network = options.CreateNetwork(vocabulary.Size, usesVisitTimes: false, objective.Outputs);
        network.train();
        using var optimizer = options.Training.Optimizer.Create(network.parameters());
        var sampler = new MiniBatchSampler(encoded.Count, options.Training.BatchSize, BatchSampling.Shuffled, 1);
        var order = sampler.EpochOrder(0);
        var clocks = new Stopwatch[4];
        for (int i = 0; i < clocks.Length; i++)
        {
            clocks[i] = new Stopwatch();
        }

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
            var targets = objective.Targets(data.Targets, rows, device);
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

        return 0;
    }
}
