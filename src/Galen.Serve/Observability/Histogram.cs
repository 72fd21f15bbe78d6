using System.Globalization;
using System.Text;

namespace Galen.Serve.Observability;

/// <summary>A Prometheus histogram with fixed upper bounds; lock-free to observe.</summary>
public sealed class Histogram(IReadOnlyList<double> bounds)
{
    private readonly double[] _bounds = [.. bounds];
    private readonly long[] _counts = new long[bounds.Count + 1];
    private long _sumMicro;
    private long _count;

    /// <summary>Latency buckets in seconds, 0.5 ms to 10 s.</summary>
    public static readonly IReadOnlyList<double> LatencySeconds =
        [0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Probability buckets in tenths.</summary>
    public static readonly IReadOnlyList<double> Probability = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

    public long Count => Interlocked.Read(ref _count);

    public void Observe(double value)
    {
        int bucket = 0;
        while (bucket < _bounds.Length && value > _bounds[bucket])
        {
            bucket++;
        }

        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Add(ref _sumMicro, (long)(value * 1e6));
        Interlocked.Increment(ref _count);
    }

    /// <summary>Appends the <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series for one label set.</summary>
    public void WriteTo(StringBuilder text, string name, string labels)
    {
        ArgumentNullException.ThrowIfNull(text);
        long cumulative = 0;
        string separator = labels.Length == 0 ? string.Empty : ",";
        for (int i = 0; i < _bounds.Length; i++)
        {
            cumulative += Interlocked.Read(ref _counts[i]);
            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels}{separator}le=\"{_bounds[i].ToString("R", CultureInfo.InvariantCulture)}\"}} {cumulative}\n");
        }

        cumulative += Interlocked.Read(ref _counts[^1]);
        text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels}{separator}le=\"+Inf\"}} {cumulative}\n");
        text.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {(Interlocked.Read(ref _sumMicro) / 1e6).ToString("R", CultureInfo.InvariantCulture)}\n");
        text.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {cumulative}\n");
    }
}
