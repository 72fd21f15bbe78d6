using System.Diagnostics;
using System.Globalization;
using System.Text;
using Galen.Core.Learning;
using Galen.Core.Splits;
using Galen.Evaluation.Metrics;
using Galen.Evaluation.Resampling;
using Galen.Evaluation.Splits;
using Galen.Learn.Datasets;
using Galen.Learn.Trainers;

namespace Galen.Bench.Learning;

/// <summary>
/// The Galen side of the scikit-learn comparisons in bench/peers: writes the shared data and
/// folds, times Galen, and prints numbers the peer scripts put next to their own.
/// <c>dotnet run -c Release --project bench/Galen.Bench -- harness &lt;command&gt; [folder]</c>.
/// </summary>
public static class PeerHarness
{
    public static int Run(string[] args)
    {
        string command = args.Length > 0 ? args[0] : string.Empty;
        string folder = args.Length > 1 && command is "breast-cancer" or "forest" ? args[1] : Path.Combine(Path.GetTempPath(), "galen-bench");
        Directory.CreateDirectory(folder);
        switch (command)
        {
            case "breast-cancer":
                BreastCancer(folder, args.Length > 2 ? TrainerCatalog.Expand(args[2]) : TrainerCatalog.Names);
                return 0;
            case "forest":
                return ForestHarness.Run(folder, args.Length > 2 ? args[2..] : []);
            case "lightgbm":
                LightGbm(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200);
                return 0;
            case "bootstrap":
                BootstrapAuroc();
                return 0;
            default:
                Console.Error.WriteLine("harness commands: breast-cancer FOLDER [MODELS] | forest FOLDER [--rows N] [--features N] [--trees N] [--depth N|none] [--min-leaf N] [--max-features sqrt|F|N] | lightgbm [ROWS] [FEATURES] | bootstrap");
                return 1;
        }
    }

    /// <summary>10-fold AUROC of every Galen model (or those named) on the WDBC data; writes the folds for the sklearn script.</summary>
    private static void BreastCancer(string folder, IReadOnlyList<string> models)
    {
        var data = BuiltInDatasets.BreastCancer().Data;
        var folds = PatientSplits.KFold(data, 10, 42);
        var foldOfRow = new int[data.Count];
        foreach (var fold in folds)
        {
            foreach (int r in fold.Test)
            {
                foldOfRow[r] = fold.Index;
            }
        }

        File.WriteAllText(Path.Combine(folder, "folds.csv"), "row,fold\n" + string.Concat(foldOfRow.Select((f, r) => $"{r},{f}\n")));
        var lines = new StringBuilder("model,auroc,seconds\n");
        foreach (string name in models)
        {
            var clock = Stopwatch.StartNew();
            var cv = CrossValidation.Run(TrainerCatalog.Create(name), data, folds);
            double auroc = BinaryRanking.Auroc(data.Targets.AsBinary(), cv.Predictions.Values);
            lines.Append(CultureInfo.InvariantCulture, $"{name},{auroc:F6},{clock.Elapsed.TotalSeconds:F2}\n");
        }

        File.WriteAllText(Path.Combine(folder, "galen.csv"), lines.ToString());
        Console.Write(lines);
    }

    /// <summary>Synthetic binary data with a non-linear signal; written to CSV so the peer trains on the same rows.</summary>
    internal static (float[] Values, bool[] Labels) Synthetic(int rows, int features, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * features];
        var labels = new bool[rows];
        for (int i = 0; i < rows; i++)
        {
            double logit = -0.5;
            for (int j = 0; j < features; j++)
            {
                float x = (float)((random.NextDouble() * 2) - 1);
                values[(i * features) + j] = x;
                if (j < 10)
                {
                    logit += (j % 2 == 0 ? 1.5 : -1.0) * x;
                }
            }

            logit += 2 * values[i * features] * values[(i * features) + 1];
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
        }

        return (values, labels);
    }

    internal static LabelledSet<FeatureMatrix> Set(float[] values, bool[] labels, int features)
    {
        var specs = Enumerable.Range(0, features).Select(j => new FeatureSpec($"x{j}", $"x{j}")).ToArray();
        var samples = Enumerable.Range(0, labels.Length).Select(i => new SampleInfo($"p{i}", $"s{i}", null, new Dictionary<string, string>())).ToArray();
        return new LabelledSet<FeatureMatrix>(new FeatureMatrix(specs, values), new TargetMatrix(LabelSchema.Binary("y", "outcome"), labels.Select(l => l ? 1f : 0f).ToArray()), samples);
    }

    /// <summary>LightGBM, 200 rounds, 31 leaves, on rows × features; prints training time.</summary>
    private static void LightGbm(int rows, int features)
    {
        var (values, labels) = Synthetic(rows, features, 11);
        var set = Set(values, labels, features);
        var trainer = new LightGbmTrainer(new LightGbmOptions { Threads = 2 });
        trainer.Fit(set.Select(Enumerable.Range(0, 2000).ToArray()));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(set);
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu_seconds={(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1}"));
        double auroc = BinaryRanking.Auroc(set.Targets.AsBinary(), model.Predict(set.Inputs).Values);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"galen lightgbm rows={rows} features={features} threads=2 train_seconds={seconds:F2} train_auroc={auroc:F4}"));
    }

    /// <summary>1,000 bootstrap resamples of AUROC on 100k predictions.</summary>
    private static void BootstrapAuroc()
    {
        var random = new Random(1);
        const int N = 100_000;
        var labels = new bool[N];
        var scores = new double[N];
        for (int i = 0; i < N; i++)
        {
            labels[i] = random.NextDouble() < 0.2;
            scores[i] = random.NextDouble() + (labels[i] ? 0.3 : 0.0);
        }

        Bootstrap.Auroc(labels, scores, new BootstrapOptions(Resamples: 20));
        var clock = Stopwatch.StartNew();
        var estimate = Bootstrap.Auroc(labels, scores, new BootstrapOptions(Resamples: 1000));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bootstrap auroc n={N} resamples=1000 seconds={clock.Elapsed.TotalSeconds:F2} auroc={estimate.Value:F4} [{estimate.Lower:F4}, {estimate.Upper:F4}]"));
    }
}
