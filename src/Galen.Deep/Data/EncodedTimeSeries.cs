using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Data;

/// <summary>Time series after <see cref="TimeSeriesEncoding"/>, cut into <see cref="TimeSeriesBatch"/>es.</summary>
public sealed class EncodedTimeSeries : IBatchSource<TimeSeriesBatch>
{
    private readonly int[] _sampleStart;
    private readonly float[] _values;
    private readonly float[] _observed;
    private readonly int _width;
    private readonly ScaledFeatures? _context;
    private readonly ScaledFeatures? _summary;

    internal EncodedTimeSeries(int[] sampleStart, float[] values, float[] observed, int width, long droppedSteps, ScaledFeatures? context = null, ScaledFeatures? summary = null)
    {
        _summary = summary;
        _sampleStart = sampleStart;
        _values = values;
        _observed = observed;
        _width = width;
        _context = context;
        DroppedSteps = droppedSteps;
    }

    public int Count => _sampleStart.Length - 1;

    /// <summary>Steps left out because a sample had more than the encoding's maximum.</summary>
    public long DroppedSteps { get; }

    /// <summary>Steps kept for one sample.</summary>
    public int StepCount(int sample) => _sampleStart[sample + 1] - _sampleStart[sample];

    public TimeSeriesBatch Batch(ReadOnlySpan<int> rows, Device device)
    {
        int size = rows.Length;
        int longest = 1;
        foreach (int row in rows)
        {
            longest = Math.Max(longest, StepCount(row));
        }

        var values = HostTensors.Empty(ScalarType.Float32, size, longest, _width);
        var observed = HostTensors.Empty(ScalarType.Float32, size, longest, _width);
        var lengths = HostTensors.Empty(ScalarType.Int64, size);
        var valueSpan = HostTensors.Span<float>(values);
        var observedSpan = HostTensors.Span<float>(observed);
        var lengthSpan = HostTensors.Span<long>(lengths);
        int stride = longest * _width;
        for (int b = 0; b < size; b++)
        {
            int row = rows[b];
            int steps = StepCount(row);
            lengthSpan[b] = steps;
            int used = steps * _width;
            _values.AsSpan(_sampleStart[row] * _width, used).CopyTo(valueSpan.Slice(b * stride, used));
            _observed.AsSpan(_sampleStart[row] * _width, used).CopyTo(observedSpan.Slice(b * stride, used));
            valueSpan.Slice((b * stride) + used, stride - used).Clear();
            observedSpan.Slice((b * stride) + used, stride - used).Clear();
        }

        var context = _context?.Batch(rows, device);
        var summary = _summary?.Batch(rows, device);
        return new TimeSeriesBatch(HostTensors.On(values, device), HostTensors.On(observed, device), lengths, size, longest, context, summary);
    }
}
