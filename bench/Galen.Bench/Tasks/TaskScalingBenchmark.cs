using System.Diagnostics;
using System.Globalization;
using Galen.Bench.Ingest;
using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Tasks;

namespace Galen.Bench.Tasks;

/// <summary>
/// Task building time against cohort size: for each patient count, writes a MIMIC-style extract
/// (about <c>--events</c> labs and vitals per patient), ingests it, then times building the
/// in-hospital mortality and readmission tasks (timeline loading included; no cache).
/// <code>dotnet run -c Release --project bench/Galen.Bench -- tasks-scaling --patients 10000,30000,100000 --events 100</code>
/// </summary>
public static class TaskScalingBenchmark
{
    public static int Run(string[] args)
    {
        var counts = (IngestBenchmark.OptionText(args, "--patients") ?? "10000,30000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int events = (int)IngestBenchmark.Option(args, "--events", 100);
        Console.WriteLine($"{Environment.ProcessorCount} cores; about {events} labs and vitals per patient; load average {IngestBenchmark.LoadAverage()}.");
        Console.WriteLine("| patients | events | ingest | mortality (48 h) alone | readmission (30 d) alone | both in one pass | per 1,000 patients | peak RSS |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int patients in counts)
        {
            string folder = Path.Combine(Path.GetTempPath(), $"galen-bench-tasks-{patients}-{events}");
            if (!File.Exists(Path.Combine(folder, "CHARTEVENTS.csv")))
            {
                MimicExtractWriter.WriteExtract(folder, patients, events);
            }

            string db = folder + ".duckdb";
            File.Delete(db);
            File.Delete(db + ".wal");
            using var store = ClinicalStore.Open(db);
            var clock = Stopwatch.StartNew();
            var report = store.Ingest(IngestFormat.Mimic, folder, new IngestOptions { LatestValidTime = new DateTime(2300, 1, 1) });
            double ingest = clock.Elapsed.TotalSeconds;
            long eventRows = store.Count("measurement") + store.Count("condition_occurrence") + store.Count("drug_exposure");

            clock.Restart();
            var mortality = new TaskBuilder(store).Build(new InHospitalMortalityTask(48));
            double mortalitySeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var readmission = new TaskBuilder(store).Build(new ReadmissionTask(30));
            double readmissionSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var both = new TaskBuilder(store).Build([new InHospitalMortalityTask(48), new ReadmissionTask(30)]);
            double together = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {patients:N0} | {eventRows:N0} | {ingest:F1} s | {mortalitySeconds:F1} s ({mortality.Count:N0} samples) | {readmissionSeconds:F1} s ({readmission.Count:N0} samples) | {together:F1} s | {together * 1000 / patients:F2} s | {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:N0} MB |"));
            _ = both;
            _ = report;
        }

        return 0;
    }
}
