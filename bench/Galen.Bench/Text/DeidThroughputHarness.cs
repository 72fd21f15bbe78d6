using System.Diagnostics;
using System.Globalization;
using Galen.Text.Deid.Detection;
using Galen.Text.Deid.Keys;
using Galen.Text.Deid.Learning;
using Galen.Text.Deid.Operators;

namespace Galen.Bench.Text;

/// <summary>
/// `dotnet run -c Release --project bench/Galen.Bench -- deid-throughput`: single-threaded notes per
/// second of CPU time (this thread's processor time, so other processes on a shared machine do not
/// count against it) for 2 KB notes, per layer set; best of 5 rounds over 500 notes.
/// </summary>
internal static class DeidThroughputHarness
{
    public static int Run()
    {
        var notes = BenchNotes.TwoKilobyteNotes(500);
        var model = DeidModels.TrainDefault();
        var patterns = LayeredPhiDetector.Create();
        var learned = new LayeredPhiDetector(model);
        var all = LayeredPhiDetector.Create(model);
        var surrogates = new NoteDeidentifier(all, new SurrogateFactory(PatientKeyStore.CreateNew()), DeidOperator.Surrogate);
        Console.WriteLine($"{notes.Length} notes of {notes.Average(n => n.Length):F0} characters; load average {LoadAverage()}");
        Console.WriteLine("layers | notes/s per core (CPU time) | notes/s per core (wall)");
        Measure("patterns + dictionaries", notes, n => patterns.Detect(n).Count);
        Measure("learned layer alone", notes, n => learned.Detect(n).Count);
        Measure("all layers", notes, n => all.Detect(n).Count);
        Measure("all layers + surrogates", notes, n => surrogates.Deidentify(n, "patient").Total);
        return 0;
    }

    private static void Measure(string name, string[] notes, Func<string, int> work)
    {
        foreach (var note in notes.Take(50))
        {
            work(note);
        }

        double bestCpu = double.MaxValue;
        double bestWall = double.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            var cpu = ThreadCpu();
            var wall = Stopwatch.StartNew();
            int total = 0;
            foreach (var note in notes)
            {
                total += work(note);
            }

            bestWall = Math.Min(bestWall, wall.Elapsed.TotalSeconds);
            bestCpu = Math.Min(bestCpu, (ThreadCpu() - cpu).TotalSeconds);
            GC.KeepAlive(total);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} | {notes.Length / bestCpu:N0} | {notes.Length / bestWall:N0}"));
    }

    // The current thread's processor time (Linux: /proc/thread-self/stat fields utime + stime, in clock ticks of 10 ms).
    private static TimeSpan ThreadCpu()
    {
        string path = "/proc/thread-self/stat";
        if (!File.Exists(path))
        {
            return Process.GetCurrentProcess().TotalProcessorTime;
        }

        var fields = File.ReadAllText(path).Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
