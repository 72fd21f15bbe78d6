using System.Diagnostics;
using System.Globalization;
using Galen.Bench.Ingest;
using Galen.Cli.Learning;
using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Output;
using Galen.Data.Tasks;
using Galen.Deep.Models;
using Galen.Evaluation.Metrics;
using Galen.Learn.Configuration;

namespace Galen.Bench.Quality;

/// <summary>
/// How close Galen's models get to the best achievable AUROC on the synthetic hospital: generates
/// a hospital (MIMIC-style CSV), ingests it, builds the mortality (24 h) and 30-day readmission
/// tasks, runs the same hold-out experiment as <c>galen train --task</c> and the demo (70/10/20
/// by patient), and prints each model's test AUROC with its bootstrap interval next to the AUROC
/// of the generator's true risks on the same test samples, with the CPU time of each fit.
/// <code>dotnet run -c Release --project bench/Galen.Bench -- quality --patients 30000 --seed 42</code>
/// Options: <c>--models logreg,forest,lightgbm,ts-gru,retain</c>, <c>--tasks mortality,readmission</c>,
/// <c>--epochs 30</c>, <c>--work DIR</c> (the hospital and store are kept there and reused); the
/// networks' <c>--lr</c>, <c>--weight-decay</c>, <c>--dropout</c>, <c>--hidden</c>, <c>--patience</c>
/// and <c>--batch</c> (defaults: <see cref="SequenceTraining"/>'s, as <c>galen train --task</c> uses).
/// </summary>
public static class ModelQualityHarness
{
    public static int Run(string[] args)
    {
        int patients = (int)IngestBenchmark.Option(args, "--patients", 30000);
        int seed = (int)IngestBenchmark.Option(args, "--seed", 42);
        int epochs = (int)IngestBenchmark.Option(args, "--epochs", 30);
        var models = TaskExperiment.Expand(IngestBenchmark.OptionText(args, "--models") ?? "logreg,forest,lightgbm,ts-gru,retain");
        var tasks = (IngestBenchmark.OptionText(args, "--tasks") ?? "mortality,readmission").Split(',').Select(t => new TaskSpec(t.Trim())).ToArray();
        string work = IngestBenchmark.OptionText(args, "--work") ?? Path.Combine(Path.GetTempPath(), "galen-bench-quality");
        string hospital = Path.Combine(work, $"hospital-{patients}-{seed}");
        string database = Path.Combine(work, $"store-{patients}-{seed}.duckdb");
        Console.WriteLine($"{Environment.ProcessorCount} cores; load average {IngestBenchmark.LoadAverage()}; {patients:N0} patients, seed {seed}; work folder {work}.");

        var clock = Stopwatch.StartNew();
        if (!File.Exists(Path.Combine(hospital, SyntheticGroundTruth.AdmissionsFile)))
        {
            HospitalOutputFolder.Prepare(hospital, overwrite: true);
            using var writer = new MimicCsvWriter(hospital);
            SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = patients, Seed = seed }, writer);
            File.Delete(database);
            File.Delete(database + ".wal");
            Console.WriteLine($"generated the hospital in {clock.Elapsed.TotalSeconds:F1} s");
        }

        using var store = ClinicalStore.Open(database);
        clock.Restart();
        store.Ingest(IngestFormat.Mimic, hospital, new IngestOptions { LatestValidTime = new DateTime(2030, 1, 1) });
        Console.WriteLine($"ingest (or check) {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        var built = ClinicalTaskSource.Load(store, tasks, cache: false); // a 30k-patient task is hundreds of MB on disk
        Console.WriteLine($"tasks {clock.Elapsed.TotalSeconds:F1} s");
        var truth = SyntheticGroundTruth.Read(hospital);
        var sources = VisitSourceKeys.Read(store);
        var configuration = new TrainingConfiguration { Seed = seed, ImportanceRepeats = 0 };
        var defaults = new SequenceTraining();
        var sequences = new SequenceTraining
        {
            Epochs = epochs,
            LearningRate = Number(args, "--lr"),
            WeightDecay = Number(args, "--weight-decay"),
            Dropout = Number(args, "--dropout"),
            HiddenSize = IngestBenchmark.OptionText(args, "--hidden") is { } hidden ? int.Parse(hidden, CultureInfo.InvariantCulture) : null,
            Patience = (int)IngestBenchmark.Option(args, "--patience", defaults.Patience),
            BatchSize = (int)IngestBenchmark.Option(args, "--batch", defaults.BatchSize),
        };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"networks: at most {sequences.Epochs} epochs, batch {sequences.BatchSize}, AdamW {sequences.LearningRate?.ToString(CultureInfo.InvariantCulture) ?? "family default"} (weight decay {sequences.WeightDecay?.ToString(CultureInfo.InvariantCulture) ?? "family default"}), dropout {sequences.Dropout?.ToString(CultureInfo.InvariantCulture) ?? "family default"}, hidden {sequences.HiddenSize?.ToString(CultureInfo.InvariantCulture) ?? "default"}, patience {sequences.Patience}."));

        Console.WriteLine();
        Console.WriteLine("| task | model | inputs | test AUROC [95% CI] | true-risk AUROC [95% CI] | gap | fit (wall) | CPU (user+sys) |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var data in built)
        {
            var risks = truth.RisksOf(data.Spec, data.Dataset.Samples.Select(s => s.SampleKey).ToArray(), sources);
            foreach (string model in models)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                clock.Restart();
                using var result = TaskExperiment.Run(data, [model], configuration, sequences, risks);
                double wall = clock.Elapsed.TotalSeconds;
                double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                var auroc = result.Best.Evaluation.Metric(MetricNames.Auroc);
                var bayes = result.BestAchievable?.Metric(MetricNames.Auroc);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {data.Name} | {model} | {result.Best.Inputs} | {auroc?.Value:F3} [{auroc?.Lower:F3}, {auroc?.Upper:F3}] | {bayes?.Value:F3} [{bayes?.Lower:F3}, {bayes?.Upper:F3}] | {bayes?.Value - auroc?.Value:F3} | {wall:F0} s | {cpuSeconds:F0} s |"));
                if (result.Best.Model is IDeepModel { Training: { } training })
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"<!-- {model}: {training.Epochs.Count} epochs ({training.Stop}), weights of epoch {training.WeightsFromEpoch}; validation {training.Monitor} by epoch: {string.Join(" ", training.Epochs.Select(e => e.Validation.TryGetValue(training.Monitor, out double v) ? v.ToString("F3", CultureInfo.InvariantCulture) : "-"))} -->"));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"<!-- {data.Name}: {data.Dataset.Count:N0} samples; test part {TaskExperiment.Fractions.Test:P0} of patients -->"));
        }

        return 0;
    }

    private static double? Number(string[] args, string name) =>
        IngestBenchmark.OptionText(args, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : null;
}
