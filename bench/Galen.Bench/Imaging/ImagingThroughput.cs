using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Galen.Deep.Models.Imaging;
using Galen.Deep.Training;

namespace Galen.Bench.Imaging;

/// <summary>
/// <c>image-throughput</c>: trains Galen's small ResNet on 64×64 synthetic chest films (three
/// findings, cross-entropy), then the identical PyTorch network (bench/peers/cnn_throughput.py)
/// on the same pixels, standardisation, batch size, optimiser and thread count, alternating who
/// goes first, and prints both samples/s (median epoch after the first) and the ratio.
/// </summary>
internal static class ImagingThroughput
{
    private const int BatchSize = 64;
    private const double LearningRate = 1e-3;
    private const double WeightDecay = 0.01;
    private static readonly int[] Widths = [16, 32, 64];
    private const int StemStride = 2;

    // As for deep-throughput: the peer alone is pointed at OpenBLAS when it is installed
    // (bench/peers/install-openblas.sh); Debian's default reference BLAS handicaps PyTorch.
    private const string OpenBlasFolder = "/usr/lib/x86_64-linux-gnu/openblas-pthread";

    public static int Run(string[] args)
    {
        int samples = Int(args, "--samples", 4000);
        int epochs = Int(args, "--epochs", 3);
        int threads = Int(args, "--threads", 1);
        int repeats = Int(args, "--repeats", 3);
        string blas = ImagingQuality.Option(args, "--peer-blas", Directory.Exists(OpenBlasFolder) ? "openblas" : "system");
        var data = ChestFilmData.Generate(samples, seed: 1);
        var options = new ImageClassifierOptions
        {
            Widths = Widths,
            StemStride = StemStride,
            Training = new TrainerOptions
            {
                Epochs = epochs,
                BatchSize = BatchSize,
                Optimizer = new OptimizerOptions { Kind = OptimizerKind.AdamW, LearningRate = LearningRate, WeightDecay = WeightDecay },
                Threads = threads,
                Seed = 1,
                ProgressInterval = TimeSpan.FromSeconds(30),
            },
        };
        Console.WriteLine($"image-throughput: ResNet {string.Join("-", Widths)} (stem stride {StemStride}, 1 block per stage) on {samples} 64×64 films, 3 classes, batch {BatchSize}, {epochs} epochs, {threads} thread(s), {repeats} repeat(s) alternating who goes first");
        Console.WriteLine("samples/s is taken over the median epoch after the first (warm-up) epoch of each run; epochs include building every batch from the pixel arrays. CPU time (user + sys) covers each whole training run, warm-up included.");

        string folder = Path.Combine(Path.GetTempPath(), "galen-bench-cnn-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var (mean, sd) = data.Set.Inputs.ChannelStatistics();
        WritePeerData(folder, data, mean[0], sd[0]);
        if (args.Contains("--profile"))
        {
            Console.WriteLine("Galen, ms per step:");
            ImagingStepProfile.Run(options, data, steps: 100);
            Console.WriteLine("PyTorch, ms per step:");
            Console.WriteLine(RunPeerRaw(folder, threads, epochs, blas, "--profile"));
            Directory.Delete(folder, recursive: true);
            return 0;
        }

        var galen = new List<double>();
        var pytorch = new List<double>();
        var galenCpu = new List<double>();
        var pytorchCpu = new List<double>();
        string peerName = "PyTorch";
        try
        {
            for (int repeat = 0; repeat < repeats; repeat++)
            {
                for (int turn = 0; turn < 2; turn++)
                {
                    if ((turn == 0) == (repeat % 2 == 0))
                    {
                        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                        using var trained = new ImageClassifierTrainer(options).Fit(data.Set);
                        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                        var seconds = trained.Training!.Epochs.Select(e => e.Seconds).ToArray();
                        galen.Add(samples / Median(seconds.Length > 1 ? seconds[1..] : seconds));
                        galenCpu.Add(samples * epochs / cpuSeconds);
                        Console.WriteLine($"  run {repeat + 1} Galen:   {galen[^1],8:F0} samples/s, {galenCpu[^1],6:F0} samples per CPU s; epochs {Join(seconds)} s; final loss {trained.Training.Epochs[^1].Training[MonitoredMetrics.Loss]:F4}");
                    }
                    else
                    {
                        var peer = RunPeer(folder, threads, epochs, blas);
                        peerName = peer.GetProperty("peer").GetString() + " (" + blas + " BLAS)";
                        pytorch.Add(peer.GetProperty("samples_per_second").GetDouble());
                        pytorchCpu.Add(samples * epochs / peer.GetProperty("cpu_seconds").GetDouble());
                        var seconds = peer.GetProperty("epoch_seconds").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                        Console.WriteLine($"  run {repeat + 1} PyTorch: {pytorch[^1],8:F0} samples/s, {pytorchCpu[^1],6:F0} samples per CPU s; epochs {Join(seconds)} s; final loss {peer.GetProperty("epoch_losses").EnumerateArray().Last().GetDouble():F4}");
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        if (repeats > 0)
        {
            double galenMedian = Median([.. galen]);
            double pytorchMedian = Median([.. pytorch]);
            Console.WriteLine($"{"median of runs",-40}{"samples/s",10}");
            Console.WriteLine($"{"Galen (TorchSharp)",-40}{galenMedian,10:F0}");
            Console.WriteLine($"{peerName,-40}{pytorchMedian,10:F0}");
            Console.WriteLine($"ratio Galen / PyTorch: {galenMedian / pytorchMedian:F2} (target ≥ 0.9)");
            Console.WriteLine($"samples per CPU second over whole runs (robust to other load): Galen {Median([.. galenCpu]):F0}, PyTorch {Median([.. pytorchCpu]):F0}, ratio {Median([.. galenCpu]) / Median([.. pytorchCpu]):F2}");
        }

        return 0;
    }

    /// <summary>images.f32 (count × 64 × 64 pixels in [0, 1]), labels.i64 (class per film) and meta.json.</summary>
    private static void WritePeerData(string folder, ChestFilmData data, double mean, double sd)
    {
        using (var images = new BinaryWriter(File.Create(Path.Combine(folder, "images.f32"))))
        {
            foreach (var film in data.Films)
            {
                foreach (float pixel in film.Pixels)
                {
                    images.Write(pixel);
                }
            }
        }

        using (var labels = new BinaryWriter(File.Create(Path.Combine(folder, "labels.i64"))))
        {
            foreach (var film in data.Films)
            {
                labels.Write((long)(int)film.Finding);
            }
        }

        File.WriteAllText(Path.Combine(folder, "meta.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["count"] = data.Films.Count,
            ["size"] = data.Films[0].Size,
            ["classes"] = ChestFilmData.Finding.Width,
            ["mean"] = mean,
            ["sd"] = sd,
            ["widths"] = Widths,
            ["stem_stride"] = StemStride,
            ["batch_size"] = BatchSize,
            ["learning_rate"] = LearningRate,
            ["weight_decay"] = WeightDecay,
        }));
    }

    private static JsonElement RunPeer(string folder, int threads, int epochs, string blas) =>
        JsonDocument.Parse(RunPeerRaw(folder, threads, epochs, blas).Trim().Split('\n')[^1]).RootElement.Clone();

    private static string RunPeerRaw(string folder, int threads, int epochs, string blas, params string[] extra)
    {
        string script = Path.Combine(RepositoryRoot(), "bench", "peers", "cnn_throughput.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (blas == "openblas")
        {
            start.Environment["LD_LIBRARY_PATH"] = OpenBlasFolder;
            start.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        }

        foreach (string arg in new[] { script, "--data", folder, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--epochs", epochs.ToString(CultureInfo.InvariantCulture) }.Concat(extra))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("The PyTorch peer failed: " + errors.Result);
        }

        return output;
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

    private static string Join(double[] seconds) => string.Join(" ", seconds.Select(v => v.ToString("F2", CultureInfo.InvariantCulture)));

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int Int(string[] args, string name, int fallback) =>
        int.Parse(ImagingQuality.Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}
