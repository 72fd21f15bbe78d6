using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Galen.Data.Ingest;
using Galen.Data.Store;

namespace Galen.Bench.Ingest;

/// <summary>
/// LABEVENTS ingest, side by side with pandas.read_csv of the same file, each in its own process
/// so peak RSS is each one's own. Also runs DuckDB's native CSV reader into a table, as the floor
/// any DuckDB-backed store pays for writing the rows. Reports medians of several runs.
/// <code>dotnet run -c Release --project bench/Galen.Bench -- ingest-labevents --rows 10000000 --runs 3</code>
/// </summary>
public static class IngestBenchmark
{
    public static int Run(string[] args)
    {
        long rows = Option(args, "--rows", 10_000_000L);
        int runs = (int)Option(args, "--runs", 3L);
        string folder = OptionText(args, "--dir") ?? Path.Combine(Path.GetTempPath(), $"galen-bench-labevents-{rows}");
        string labevents = Path.Combine(folder, "LABEVENTS.csv");
        if (!File.Exists(labevents))
        {
            Console.WriteLine($"Writing {rows:N0} LABEVENTS rows to {folder} …");
            MimicExtractWriter.WriteLabEvents(folder, rows);
        }

        Console.WriteLine($"LABEVENTS.csv: {new FileInfo(labevents).Length / 1e6:N0} MB, {rows:N0} rows; {Environment.ProcessorCount} cores; {runs} runs each; load average {LoadAverage()}.");
        var results = new Dictionary<string, List<Measurement>>(StringComparer.Ordinal) { ["pandas"] = [], ["galen"] = [], ["duckdb"] = [] };
        for (int run = 0; run < runs; run++)
        {
            results["pandas"].Add(Child("/usr/bin/python3", $"bench/peers/pandas_read_csv.py \"{labevents}\""));
            results["galen"].Add(Child(Environment.ProcessPath!, SelfArguments($"ingest-child --dir \"{folder}\"")));
            results["duckdb"].Add(Child(Environment.ProcessPath!, SelfArguments($"duckdb-child --file \"{labevents}\"")));
            Console.WriteLine(string.Join("  ", results.Select(r => $"{r.Key}: {r.Value[^1].Seconds:F2} s ({r.Value[^1].WorkCpuSeconds:F2} s CPU, parsing thread {r.Value[^1].MainThreadCpuSeconds:F2} s, other threads {r.Value[^1].OtherThreadsCpuSeconds:F2} s) {r.Value[^1].PeakRssMb:N0} MB{(double.IsNaN(r.Value[^1].StoreMb) ? string.Empty : $", store {r.Value[^1].StoreMb:N0} MB")}")) + $"  load {LoadAverage()}");
        }

        var pandas = Median(results["pandas"]);
        Console.WriteLine();
        Console.WriteLine("| reader | rows/s | CPU time (reading) | parsing thread CPU | other threads CPU | peak RSS | throughput vs pandas (wall) | throughput vs pandas (critical-path CPU) | memory vs pandas |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, label) in new[] { ("pandas", "pandas.read_csv (no store)"), ("galen", "galen ingest into DuckDB"), ("duckdb", "DuckDB read_csv into a table") })
        {
            var m = Median(results[name]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} | {m.Rows / m.Seconds:N0} | {m.WorkCpuSeconds:F2} s | {m.MainThreadCpuSeconds:F2} s | {m.OtherThreadsCpuSeconds:F2} s | {m.PeakRssMb:N0} MB | {pandas.Seconds / m.Seconds:F2}× | {pandas.CriticalPathCpuSeconds / m.CriticalPathCpuSeconds:F2}× | {m.PeakRssMb / pandas.PeakRssMb:F2}× |"));
        }

        return 0;
    }

    /// <summary>
    /// Child process: Galen ingests the folder into a fresh store; prints rows, seconds, CPU,
    /// peak RSS and the store's size. <c>--keep-store PATH</c> writes the store there and keeps it.
    /// </summary>
    public static int Galen(string[] args)
    {
        string folder = OptionText(args, "--dir")!;
        string? keep = OptionText(args, "--keep-store");
        string db = keep ?? Path.Combine(Path.GetTempPath(), $"galen-bench-{Environment.ProcessId}.duckdb");
        Delete(db);
        var work = WorkClock.Start();
        long rows;
        using (var store = ClinicalStore.Open(db))
        {
            var report = store.Ingest(IngestFormat.Mimic, folder, new IngestOptions { LatestValidTime = new DateTime(2300, 1, 1) });
            rows = report.Files.Single(f => f.Table == "LABEVENTS").Accepted;
        }

        var measured = work.Stop();
        double storeMb = StoreMegabytes(db);
        if (keep is null)
        {
            Delete(db);
        }

        Print(rows, measured, storeMb);
        return 0;
    }

    /// <summary>Child process: DuckDB's own multi-threaded CSV reader inserting the file into a typed table.</summary>
    public static int DuckDb(string[] args)
    {
        string file = OptionText(args, "--file")!;
        string db = Path.Combine(Path.GetTempPath(), $"galen-bench-native-{Environment.ProcessId}.duckdb");
        Delete(db);
        var work = WorkClock.Start();
        long rows;
        using (var connection = new DuckDBConnection("DataSource=" + db))
        {
            connection.Open();
            void Execute(string sql)
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }

            Execute("SET memory_limit = '1GB'");
            Execute("CREATE TABLE labevents AS SELECT * FROM read_csv('" + file.Replace("'", "''", StringComparison.Ordinal) + "', header = true, " +
                "columns = {'ROW_ID': 'BIGINT', 'SUBJECT_ID': 'BIGINT', 'HADM_ID': 'BIGINT', 'ITEMID': 'INTEGER', 'CHARTTIME': 'TIMESTAMP', 'VALUE': 'VARCHAR', 'VALUENUM': 'DOUBLE', 'VALUEUOM': 'VARCHAR', 'FLAG': 'VARCHAR'})");
            Execute("CHECKPOINT");
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(*) FROM labevents";
            rows = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        var measured = work.Stop();
        double storeMb = StoreMegabytes(db);
        Delete(db);
        Print(rows, measured, storeMb);
        return 0;
    }

    /// <summary>Size of the written store (file plus any write-ahead log), MB.</summary>
    private static double StoreMegabytes(string db) =>
        new[] { db, db + ".wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length) / 1e6;

    private static void Print(long rows, WorkClock.Reading work, double storeMb) =>
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double>
        {
            ["rows"] = rows,
            ["store_mb"] = storeMb,
            ["seconds"] = work.Seconds,
            ["cpu_seconds"] = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
            ["work_cpu_seconds"] = work.CpuSeconds,
            ["main_thread_cpu_seconds"] = work.MainThreadCpuSeconds,
            ["peak_rss_mb"] = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0),
        }));

    /// <summary>Arguments that run this program again: through its apphost, or `dotnet Galen.Bench.dll` when started that way.</summary>
    internal static string SelfArguments(string arguments) =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? $"\"{typeof(IngestBenchmark).Assembly.Location}\" {arguments}" : arguments;

    private static Measurement Child(string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot() };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed: {error}");
        }

        var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        double Field(string name) => json.GetProperty(name).GetDouble();
        return new Measurement(Field("rows"), Field("seconds"), Field("cpu_seconds"), Field("work_cpu_seconds"), Field("main_thread_cpu_seconds"), Field("peak_rss_mb"),
            json.TryGetProperty("store_mb", out var store) ? store.GetDouble() : double.NaN);
    }

    /// <summary>Each number's median over the runs; peak RSS is the largest of the runs.</summary>
    private static Measurement Median(List<Measurement> runs)
    {
        double Of(Func<Measurement, double> field) => runs.Select(field).Order().ElementAt(runs.Count / 2);
        return new Measurement(runs[0].Rows, Of(r => r.Seconds), Of(r => r.CpuSeconds), Of(r => r.WorkCpuSeconds), Of(r => r.MainThreadCpuSeconds), runs.Max(r => r.PeakRssMb), runs.Max(r => r.StoreMb));
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Galen.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }

    internal static long Option(string[] args, string name, long fallback) =>
        OptionText(args, name) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : fallback;

    internal static string? OptionText(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static void Delete(string db)
    {
        File.Delete(db);
        File.Delete(db + ".wal");
    }

    /// <summary>The 1-minute load average: the machine is shared, so results say how busy it was.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>
    /// One child's numbers. <c>WorkCpuSeconds</c> is user + system time of the whole process while
    /// reading (startup and imports excluded); <c>MainThreadCpuSeconds</c> that of the thread that
    /// parses (pandas: its only thread); the other threads' share is the rest (Galen: mostly the
    /// DuckDB append thread). The larger of the two shares bounds the wall time on an idle
    /// two-core machine, so the ratio of those is the throughput ratio a shared machine cannot show.
    /// </summary>
    private sealed record Measurement(double Rows, double Seconds, double CpuSeconds, double WorkCpuSeconds, double MainThreadCpuSeconds, double PeakRssMb, double StoreMb)
    {
        public double OtherThreadsCpuSeconds => Math.Max(0, WorkCpuSeconds - MainThreadCpuSeconds);

        public double CriticalPathCpuSeconds => Math.Max(MainThreadCpuSeconds, OtherThreadsCpuSeconds);
    }
}
