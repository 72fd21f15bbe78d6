using System.Diagnostics;
using System.Globalization;
using Galen.Bench.Imaging;
using Galen.Deep.Models.Imaging;
using Galen.Deep.Training;
using TorchSharp;

namespace Galen.Bench.Deep;

/// <summary>
/// <c>deep-determinism</c>: what <see cref="TrainerOptions.Deterministic"/> costs and buys. Trains
/// the small ResNet on synthetic 64×64 chest films with libtorch's default threads (every core)
/// and with <c>Deterministic</c> (one thread, deterministic algorithms), alternating, and prints
/// each run's wall and CPU time (user + sys of the process), how far the two default runs'
/// probabilities differ, and whether the two deterministic runs agree bit for bit.
/// <code>dotnet bench/Galen.Bench/bin/Release/net10.0/Galen.Bench.dll deep-determinism --samples 1024 --epochs 2 --repeats 2</code>
/// </summary>
internal static class DeterminismHarness
{
    public static int Run(string[] args)
    {
        int samples = Int(args, "--samples", 1024);
        int epochs = Int(args, "--epochs", 2);
        int repeats = Math.Max(2, Int(args, "--repeats", 2));
        var data = ChestFilmData.Generate(samples, seed: 1);
        var test = ChestFilmData.Generate(256, seed: 2);
        Console.WriteLine($"deep-determinism: ResNet 16-32-64 on {samples} 64×64 films, batch 64, {epochs} epochs; {Environment.ProcessorCount} cores, libtorch default {torch.get_num_threads()} threads; {repeats} runs each, alternating.");
        Console.WriteLine("| run | mode | threads | wall | CPU (user+sys) | films/s (wall) |");
        Console.WriteLine("|---:|---|---:|---:|---:|---:|");
        var runs = new Dictionary<bool, List<(double Wall, double Cpu, float[] Probabilities)>> { [false] = [], [true] = [] };
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            foreach (bool deterministic in repeat % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var options = new ImageClassifierOptions
                {
                    Widths = [16, 32, 64],
                    StemStride = 2,
                    Training = new TrainerOptions
                    {
                        Epochs = epochs,
                        BatchSize = 64,
                        Optimizer = new OptimizerOptions { Kind = OptimizerKind.AdamW, LearningRate = 1e-3, WeightDecay = 0.01 },
                        Seed = 1,
                        Deterministic = deterministic,
                        ProgressInterval = TimeSpan.FromSeconds(30),
                    },
                };
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                using var model = new ImageClassifierTrainer(options).Fit(data.Set);
                double wall = clock.Elapsed.TotalSeconds;
                double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                int threads = torch.get_num_threads();
                var probabilities = model.Predict(test.Set.Inputs).Values.ToArray().Select(v => (float)v).ToArray();
                runs[deterministic].Add((wall, cpuSeconds, probabilities));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {repeat + 1} | {(deterministic ? "deterministic" : "default")} | {threads} | {wall:F1} s | {cpuSeconds:F1} s | {samples * epochs / wall:F0} |"));
            }
        }

        foreach (bool deterministic in new[] { false, true })
        {
            var list = runs[deterministic];
            double largest = list.Skip(1).Max(r => r.Probabilities.Zip(list[0].Probabilities, (a, b) => Math.Abs(a - b)).Max());
            bool identical = list.Skip(1).All(r => r.Probabilities.AsSpan().SequenceEqual(list[0].Probabilities));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(deterministic ? "deterministic" : "default")}: median wall {Median(list.Select(r => r.Wall)):F1} s, median CPU {Median(list.Select(r => r.Cpu)):F1} s; held-out probabilities {(identical ? "bit-identical across runs" : $"differ by up to {largest:G3}")}."));
        }

        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int Int(string[] args, string name, int fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
