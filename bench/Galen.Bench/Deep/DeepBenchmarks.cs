using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Galen.Core.Progress;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Deep.Training;

namespace Galen.Bench.Deep;

/// <summary>
/// Harness for the deep-learning targets (docs/benchmarks.md):
/// <c>deep-throughput</c> trains Galen's LSTM or Transformer over visit sequences and then the
/// identical PyTorch network (bench/peers/deep_throughput.py) on the same samples, batch size and
/// thread count, and prints both samples/s and the ratio; <c>deep-memory</c> trains for 20
/// epochs and prints the resident memory after each.
/// </summary>
internal static class DeepBenchmarks
{
    private const int BatchSize = 64;
    private const double LearningRate = 1e-3;
    private const double WeightDecay = 0.01;
    private const double Dropout = 0.1;

    // Debian's python3-torch calls whatever libblas.so.3 the system provides: the reference
    // BLAS unless an optimised one is installed. OpenBLAS (apt-get install libopenblas0-pthread)
    // is loaded for the peer alone through LD_LIBRARY_PATH, leaving the system default as is.
    private const string OpenBlasFolder = "/usr/lib/x86_64-linux-gnu/openblas-pthread";

    public static int Run(string[] args)
    {
        string command = args[0];
        string model = Option(args, "--model", "lstm");
        int threads = int.Parse(Option(args, "--threads", "1"), CultureInfo.InvariantCulture);
        int samples = int.Parse(Option(args, "--samples", command == "deep-memory" ? "5000" : "20000"), CultureInfo.InvariantCulture);
        int epochs = int.Parse(Option(args, "--epochs", command == "deep-memory" ? "20" : "3"), CultureInfo.InvariantCulture);
        string blas = Option(args, "--peer-blas", Directory.Exists(OpenBlasFolder) ? "openblas" : "system");
        int repeats = int.Parse(Option(args, "--repeats", "3"), CultureInfo.InvariantCulture);
        string? keep = Option(args, "--data", string.Empty) is { Length: > 0 } given ? given : null;
        return command switch
        {
            "deep-throughput" => Throughput(model, threads, samples, epochs, blas, repeats, keep),
            "deep-memory" => Memory(model, threads, samples, epochs),
            "deep-determinism" => DeterminismHarness.Run(args),
            "deep-profile" => StepProfile.Run(Options(model, threads, epochs), VisitBenchData.Generate(samples, seed: 1), 100),
            _ => throw new ArgumentException($"Unknown deep benchmark '{command}'."),
        };
    }

    private static VisitSequenceOptions Options(string model, int threads, int epochs) => new()
    {
        Architecture = model == "transformer" ? VisitArchitecture.Transformer : VisitArchitecture.Lstm,
        EmbeddingSize = 128,
        HiddenSize = 128,
        Layers = model == "transformer" ? 2 : 1,
        Heads = 4,
        FeedForwardSize = 256,
        Dropout = Dropout,
        MaxVisits = VisitBenchData.MaxVisits,
        Training = new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = BatchSize,
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.AdamW, LearningRate = LearningRate, WeightDecay = WeightDecay },
            Threads = threads,
            Seed = 1,
            ProgressInterval = TimeSpan.FromSeconds(5),
        },
    };

    private static int Throughput(string model, int threads, int samples, int epochs, string blas, int repeats, string? keep)
    {
        var data = VisitBenchData.Generate(samples, seed: 1);
        var options = Options(model, threads, epochs);
        Console.WriteLine($"deep-throughput: {model}, {samples} samples, batch {BatchSize}, {epochs} epochs, {threads} thread(s), {repeats} repeat(s) alternating who goes first");
        Console.WriteLine("samples/s is taken over the median epoch after the first (warm-up) epoch of each run.");

        // The peer reads the samples exactly as Galen's trainer encodes them.
        string folder = keep ?? Path.Combine(Path.GetTempPath(), "galen-bench-deep-" + Guid.NewGuid().ToString("N"));
        var encoding = new VisitEncoding(CodeVocabulary.Fit(data.Inputs, options.MinCodeCount), options.MaxVisits, UsesVisitTimes: false);
        WritePeerData(folder, encoding, data, options);
        var galen = new List<double>();
        var pytorch = new List<double>();
        string peerName = "PyTorch";
        for (int repeat = 0; repeat < repeats; repeat++)
        {
            bool galenFirst = repeat % 2 == 0;
            for (int turn = 0; turn < 2; turn++)
            {
                if ((turn == 0) == galenFirst)
                {
                    using var trained = new VisitSequenceTrainer(options).Fit(data);
                    var seconds = trained.Training!.Epochs.Select(e => e.Seconds).ToArray();
                    galen.Add(SamplesPerSecond(samples, seconds));
                    Console.WriteLine($"  run {repeat + 1} Galen:   {galen[^1],8:F0} samples/s; epochs {string.Join(" ", seconds.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)))} s");
                }
                else
                {
                    var peer = RunPeer(folder, model, threads, epochs, blas);
                    peerName = peer.GetProperty("peer").GetString() + " (" + blas + " BLAS)";
                    pytorch.Add(peer.GetProperty("samples_per_second").GetDouble());
                    var seconds = peer.GetProperty("epoch_seconds").EnumerateArray().Select(e => e.GetDouble());
                    Console.WriteLine($"  run {repeat + 1} PyTorch: {pytorch[^1],8:F0} samples/s; epochs {string.Join(" ", seconds.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)))} s");
                }
            }
        }

        if (keep is null)
        {
            Directory.Delete(folder, recursive: true);
        }

        if (repeats == 0)
        {
            Console.WriteLine($"Samples written to {folder} for the peer (--data).");
            return 0;
        }

        double galenMedian = Median([.. galen]);
        double pytorchMedian = Median([.. pytorch]);
        Console.WriteLine($"{"median of runs",-36}{"samples/s",10}");
        Console.WriteLine($"{"Galen (TorchSharp 0.107, libtorch 2.10)",-36}{galenMedian,10:F0}");
        Console.WriteLine($"{peerName,-36}{pytorchMedian,10:F0}");
        Console.WriteLine($"ratio Galen / PyTorch: {galenMedian / pytorchMedian:F2}");
        return 0;
    }

    private static void WritePeerData(string folder, VisitEncoding encoding, Core.Learning.LabelledSet<VisitSequenceInputs> data, VisitSequenceOptions options) =>
        VisitBenchData.Write(folder, encoding.Encode(data.Inputs), data.Targets, new Dictionary<string, object>
        {
            ["vocabulary"] = encoding.Vocabulary.Size,
            ["embedding"] = options.EmbeddingSize,
            ["hidden"] = options.HiddenSize,
            ["layers"] = options.Layers,
            ["heads"] = options.Heads,
            ["feed_forward"] = options.FeedForwardSize,
            ["dropout"] = options.Dropout,
            ["max_visits"] = options.MaxVisits,
            ["batch_size"] = BatchSize,
            ["learning_rate"] = LearningRate,
            ["weight_decay"] = WeightDecay,
        });

    private static int Memory(string model, int threads, int samples, int epochs)
    {
        var train = VisitBenchData.Generate(samples, seed: 1);
        var validation = VisitBenchData.Generate(samples / 5, seed: 2);
        int batches = (samples + BatchSize - 1) / BatchSize;
        var resident = new List<(int Epoch, long Rss, long Managed, long LiveTensors)>();
        var progress = new SynchronousProgress(report =>
        {
            if (report.Completed > 0 && report.Completed % batches == 0 && report.Detail!.Contains("val", StringComparison.Ordinal))
            {
                resident.Add(((int)(report.Completed / batches), ResidentMemory.Bytes(), GC.GetTotalMemory(false), TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount));
            }
        });
        Console.WriteLine($"deep-memory: {model}, {samples} training and {samples / 5} validation samples, {epochs} epochs, {threads} thread(s)");
        var clock = Stopwatch.StartNew();
        using var trained = new VisitSequenceTrainer(Options(model, threads, epochs)).Fit(train, validation, progress);
        Console.WriteLine($"{"epoch",6}{"RSS MiB",10}{"managed MiB",13}{"live tensors",14}");
        foreach (var (epoch, rss, managed, live) in resident)
        {
            Console.WriteLine($"{epoch,6}{rss / 1048576.0,10:F1}{managed / 1048576.0,13:F1}{live,14}");
        }

        var steady = resident.Where(r => r.Epoch >= 2).Select(r => r.Rss).ToArray();
        double baseline = steady[0];
        Console.WriteLine(
            $"RSS epochs 2-{resident[^1].Epoch} relative to epoch 2 ({baseline / 1048576.0:F1} MiB): " +
            $"highest {(steady.Max() - baseline) / baseline:+0.0%;-0.0%}, lowest {(steady.Min() - baseline) / baseline:+0.0%;-0.0%}; " +
            $"live tensors {resident[1].LiveTensors} → {resident[^1].LiveTensors} ({clock.Elapsed.TotalSeconds:F0} s)");
        return 0;
    }

    /// <summary>Samples over the median epoch time after the first (warm-up) epoch; the median resists other load on a shared machine.</summary>
    private static double SamplesPerSecond(int samples, double[] epochSeconds) =>
        samples / Median(epochSeconds.Length > 1 ? epochSeconds[1..] : epochSeconds);

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static JsonElement RunPeer(string folder, string model, int threads, int epochs, string blas)
    {
        string script = Path.Combine(RepositoryRoot(), "bench", "peers", "deep_throughput.py");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (blas == "openblas")
        {
            start.Environment["LD_LIBRARY_PATH"] = OpenBlasFolder;
            start.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        }

        foreach (string arg in new[] { script, "--data", folder, "--model", model, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--epochs", epochs.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("The PyTorch peer failed: " + errors);
        }

        return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Galen.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the Galen repository.");
    }

    private static string Option(string[] args, string name, string fallback)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    private sealed class SynchronousProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
