using System.Diagnostics;
using System.Globalization;
using Galen.Core.Learning;
using Galen.Evaluation.Metrics;
using Galen.Learn.Trainers;

namespace Galen.Bench.Learning;

/// <summary>
/// Galen's side of the random-forest comparison with scikit-learn's
/// <c>RandomForestClassifier</c> (<c>bench/peers/forest_sklearn.py</c>; both run alternately by
/// <c>bench/peers/forest_compare.sh</c>). Writes the synthetic rows once as raw float32/byte
/// files that the peer reads, trains on the first 80% with the given scikit-learn parameters and
/// 2 threads, and appends wall-clock seconds, CPU seconds (user + sys of the whole process) and
/// test AUROC to <c>forest-galen.csv</c>.
/// <code>harness forest FOLDER [--rows 50000] [--features 50] [--trees 100] [--depth none]
///   [--min-leaf 1] [--max-features sqrt] [--max-leaves none] [--threads 2] [--repeats 1]
///   [--engine forest|fastforest] [--seed 42] [--bins 256] [--data-only]</code>
/// </summary>
public static class ForestHarness
{
    public static int Run(string folder, string[] args)
    {
        var options = Options.Parse(args);
        Directory.CreateDirectory(folder);
        var (values, labels) = Data(folder, options.Rows, options.Features);
        if (options.DataOnly)
        {
            return 0;
        }

        int cut = options.Rows * 4 / 5;
        var train = Set(values.AsSpan(0, cut * options.Features).ToArray(), labels[..cut], options.Features);
        var test = Set(values.AsSpan(cut * options.Features).ToArray(), labels[cut..], options.Features);

        // One small fit first so that JIT compilation is not timed.
        Trainer(options with { Trees = 4 }).Fit(train.Select(Enumerable.Range(0, Math.Min(2000, cut)).ToArray()));
        string results = Path.Combine(folder, "forest-galen.csv");
        if (!File.Exists(results))
        {
            File.WriteAllText(results, "engine,rows,features,trees,depth,min_leaf,max_features,max_leaves,threads,wall_seconds,cpu_seconds,test_auroc\n");
        }

        for (int repeat = 0; repeat < options.Repeats; repeat++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var model = Trainer(options).Fit(train);
            double wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            double auroc = BinaryRanking.Auroc(test.Targets.AsBinary(), model.Predict(test.Inputs).Values);
            string line = string.Create(CultureInfo.InvariantCulture, $"{options.Engine},{options.Rows},{options.Features},{options.Trees},{options.Depth?.ToString(CultureInfo.InvariantCulture) ?? "none"},{options.MinimumLeaf},{options.MaximumFeatures},{options.MaximumLeaves?.ToString(CultureInfo.InvariantCulture) ?? "none"},{options.Threads},{wall:F3},{cpuSeconds:F3},{auroc:F6}");
            File.AppendAllText(results, line + "\n");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"galen {options.Engine}: rows={options.Rows} features={options.Features} trees={options.Trees} depth={options.Depth?.ToString(CultureInfo.InvariantCulture) ?? "none"} min_leaf={options.MinimumLeaf} max_features={options.MaximumFeatures} threads={options.Threads} wall_seconds={wall:F2} cpu_seconds={cpuSeconds:F2} test_auroc={auroc:F4} ({model.Description})"));
        }

        return 0;
    }

    private static TabularTrainer Trainer(Options options) => options.Engine switch
    {
        "fastforest" => new FastForestTrainer(new FastForestOptions
        {
            Trees = options.Trees,
            Leaves = options.MaximumLeaves ?? (options.Depth is { } d ? 1 << Math.Min(d, 20) : 2048),
            MinimumSamplesPerLeaf = options.MinimumLeaf,
            FeatureFractionPerSplit = 0.3,
            SampleFraction = 0.7,
            Threads = options.Threads,
            Seed = options.Seed,
        }),
        _ => new RandomForestTrainer(new RandomForestOptions
        {
            Trees = options.Trees,
            MaximumDepth = options.Depth,
            MinimumSamplesPerLeaf = options.MinimumLeaf,
            MaximumLeaves = options.MaximumLeaves,
            FeaturesPerSplit = options.MaximumFeatures,
            Threads = options.Threads,
            Seed = options.Seed,
            Bins = options.Bins,
        }),
    };

    /// <summary>
    /// The shared rows: <c>forest-R-F.x.f32</c> (row-major float32) and <c>forest-R-F.y.u8</c>,
    /// made once by <see cref="PeerHarness.Synthetic"/> (uniform features, 10 informative and one
    /// interaction) and reused by every run on the same size.
    /// </summary>
    private static (float[] Values, bool[] Labels) Data(string folder, int rows, int features)
    {
        string stem = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"forest-{rows}-{features}"));
        if (File.Exists(stem + ".x.f32") && File.Exists(stem + ".y.u8"))
        {
            var bytes = File.ReadAllBytes(stem + ".x.f32");
            var read = new float[rows * features];
            Buffer.BlockCopy(bytes, 0, read, 0, bytes.Length);
            return (read, File.ReadAllBytes(stem + ".y.u8").Select(b => b == 1).ToArray());
        }

        var (values, labels) = PeerHarness.Synthetic(rows, features, 7);
        var raw = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        File.WriteAllBytes(stem + ".x.f32", raw);
        File.WriteAllBytes(stem + ".y.u8", labels.Select(l => l ? (byte)1 : (byte)0).ToArray());
        return (values, labels);
    }

    private static LabelledSet<FeatureMatrix> Set(float[] values, bool[] labels, int features) => PeerHarness.Set(values, labels, features);

    private sealed record Options(int Rows, int Features, int Trees, int? Depth, int MinimumLeaf, string MaximumFeatures, int? MaximumLeaves, int Threads, int Repeats, string Engine, bool DataOnly, int Seed = 42, int Bins = 256)
    {
        public static Options Parse(string[] args)
        {
            var o = new Options(50_000, 50, 100, null, 1, "sqrt", null, 2, 1, "forest", false);
            for (int i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                int? OptionalInt(string v) => v is "none" or "null" ? null : int.Parse(v, CultureInfo.InvariantCulture);
                o = args[i] switch
                {
                    "--rows" => o with { Rows = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--features" => o with { Features = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--trees" => o with { Trees = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--depth" => o with { Depth = OptionalInt(Next()) },
                    "--min-leaf" => o with { MinimumLeaf = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--max-features" => o with { MaximumFeatures = Next() },
                    "--max-leaves" => o with { MaximumLeaves = OptionalInt(Next()) },
                    "--threads" => o with { Threads = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--repeats" => o with { Repeats = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--engine" => o with { Engine = Next() },
                    "--data-only" => o with { DataOnly = true },
                    "--seed" => o with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--bins" => o with { Bins = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    _ => throw new ArgumentException($"Unknown forest harness option {args[i]}."),
                };
            }

            return o;
        }
    }
}
