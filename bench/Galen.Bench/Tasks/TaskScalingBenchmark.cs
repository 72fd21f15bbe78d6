using System.Diagnostics;
using System.Globalization;
using Galen.Bench.Ingest;
using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Output;
using Galen.Data.Tasks;
using Galen.Data.Timeline;

namespace Galen.Bench.Tasks;

/// <summary>
/// Task building time against cohort size. For each patient count: a MIMIC-style extract —
/// by default the synthetic hospital's (<c>galen synth --format mimic</c>, seed 42), or with
/// <c>--source simple</c> the plain writer's (about <c>--events</c> labs and vitals per patient) —
/// is written once to the temp folder (reused by later runs), ingested with default options
/// (the synthetic manifest supplies the date limit), then the in-hospital mortality (48 h) and
/// 30-day readmission tasks are built from the store: each alone, then both in one pass
/// (timeline loading, labels, tabular features and visit sequences included; no cache).
/// Reports wall time and the process's CPU time (user + system) of each step.
/// <code>dotnet run -c Release --project bench/Galen.Bench -- tasks-scaling --patients 10000,100000 [--source synth|simple] [--seed 42] [--events 100] [--batch-patients 25000]</code>
/// </summary>
public static class TaskScalingBenchmark
{
    public static int Run(string[] args)
    {
        var counts = (IngestBenchmark.OptionText(args, "--patients") ?? "10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        string source = IngestBenchmark.OptionText(args, "--source") ?? "synth";
        int seed = (int)IngestBenchmark.Option(args, "--seed", 42);
        int events = (int)IngestBenchmark.Option(args, "--events", 100);
        var timelines = new TimelineOptions { BatchSize = (int)IngestBenchmark.Option(args, "--batch-patients", new TimelineOptions().BatchSize) };
        if (source is not ("synth" or "simple"))
        {
            throw new ArgumentException($"--source is synth or simple, not {source}.");
        }

        Console.WriteLine($"{Environment.ProcessorCount} cores; timelines loaded {timelines.BatchSize:N0} patients at a time; source {(source == "synth" ? $"synthetic hospital, seed {seed}" : $"plain writer, about {events} labs and vitals per patient")}; load average {IngestBenchmark.LoadAverage()}.");
        Console.WriteLine("Times are wall (CPU = user + system of the process); peak RSS includes writing the extract when it was written in this run.");
        Console.WriteLine();
        Console.WriteLine("| patients | admissions | events | write extract | ingest | mortality (48 h) alone | readmission (30 d) alone | both in one pass | both, per 1,000 patients | peak RSS after ingest / after tasks |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        double? firstPerThousand = null;
        foreach (int patients in counts)
        {
            string folder = Path.Combine(Path.GetTempPath(), source == "synth" ? $"galen-bench-tasks-synth-{patients}-seed{seed}" : $"galen-bench-tasks-{patients}-{events}");
            var write = Step.Time(() => WriteExtract(folder, source, patients, seed, events));

            string db = folder + ".duckdb";
            File.Delete(db);
            File.Delete(db + ".wal");
            using var store = ClinicalStore.Open(db);
            IngestReport report = null!;
            var ingest = Step.Time(() => report = store.Ingest(IngestFormat.Mimic, folder, source == "synth" ? new IngestOptions() : new IngestOptions { LatestValidTime = new DateTime(2300, 1, 1) }));
            long futureDates = report.Quarantine.Where(q => q.Reason == QuarantineReason.FutureDate).Sum(q => q.Count);
            if (report.Quarantined > 0)
            {
                Console.WriteLine($"note: {report.Quarantined:N0} records quarantined ({futureDates:N0} as future dates).");
            }

            double ingestPeakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6;
            long admissions = store.Count("visit_occurrence");
            long eventRows = store.Count("measurement") + store.Count("condition_occurrence") + store.Count("procedure_occurrence") + store.Count("drug_exposure");

            // Only the sample counts of the single-task runs are kept, so each step's memory is its own.
            int mortality = 0, readmission = 0;
            var mortalityStep = Step.Time(() => mortality = new TaskBuilder(store, timelines: timelines).Build(new InHospitalMortalityTask(48)).Count);
            var readmissionStep = Step.Time(() => readmission = new TaskBuilder(store, timelines: timelines).Build(new ReadmissionTask(30)).Count);
            IReadOnlyList<TaskDataset> both = [];
            var bothStep = Step.Time(() => both = new TaskBuilder(store, timelines: timelines).Build([new InHospitalMortalityTask(48), new ReadmissionTask(30)]));
            if (both[0].Count != mortality || both[1].Count != readmission)
            {
                throw new InvalidOperationException("Building the tasks together gave other samples than building them alone.");
            }

            double perThousand = bothStep.CpuSeconds * 1000 / patients;
            firstPerThousand ??= perThousand;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {patients:N0} | {admissions:N0} | {eventRows:N0} | {write} | {ingest} | {mortalityStep} → {mortality:N0} samples | {readmissionStep} → {readmission:N0} samples | {bothStep} | {bothStep.Seconds * 1000 / patients:F3} s ({perThousand:F3} s CPU; {perThousand / firstPerThousand:F2}× the first row's) | {ingestPeakMb:N0} MB / {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB |"));
        }

        return 0;
    }

    /// <summary>Writes the extract unless a complete one for the same parameters is already there.</summary>
    private static void WriteExtract(string folder, string source, int patients, int seed, int events)
    {
        if (source == "simple")
        {
            if (!File.Exists(Path.Combine(folder, "CHARTEVENTS.csv")))
            {
                MimicExtractWriter.WriteExtract(folder, patients, events);
            }

            return;
        }

        if (SyntheticHospitalManifest.TryRead(folder) is { Complete: true, LatestTime: not null } manifest
            && manifest.Seed == seed && manifest.ModelVersion == SyntheticHospital.ModelVersion)
        {
            return;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        using var writer = new MimicCsvWriter(folder);
        SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = patients, Seed = seed }, writer);
    }

    /// <summary>Wall and process CPU seconds of one step.</summary>
    private readonly record struct Step(double Seconds, double CpuSeconds)
    {
        public static Step Time(Action action)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            process.Refresh();
            return new Step(clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Seconds:F1} s ({CpuSeconds:F1} s CPU)");
    }
}
