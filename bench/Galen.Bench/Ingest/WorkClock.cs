using System.Diagnostics;
using System.Globalization;

namespace Galen.Bench.Ingest;

/// <summary>
/// Wall time, process CPU time and the calling thread's CPU time over a piece of work. CPU
/// times stay meaningful on a shared machine where wall time does not; the calling thread's
/// (from <c>/proc/thread-self/stat</c>, 10 ms resolution) is the critical path of a pipeline
/// whose other threads keep up with it. Start and stop on the same thread.
/// </summary>
internal sealed class WorkClock
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _processCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly double _threadCpu = ThreadCpuSeconds();

    public static WorkClock Start() => new();

    public Reading Stop() => new(
        _wall.Elapsed.TotalSeconds,
        (Process.GetCurrentProcess().TotalProcessorTime - _processCpu).TotalSeconds,
        ThreadCpuSeconds() - _threadCpu);

    /// <summary>User + system seconds of the calling thread; NaN where /proc is not available.</summary>
    private static double ThreadCpuSeconds()
    {
        const string Path = "/proc/thread-self/stat";
        if (!File.Exists(Path))
        {
            return double.NaN;
        }

        // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
        string stat = File.ReadAllText(Path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0; // USER_HZ
    }

    /// <summary>Seconds of wall time, of process CPU time and of the calling thread's CPU time.</summary>
    public sealed record Reading(double Seconds, double CpuSeconds, double MainThreadCpuSeconds);
}
