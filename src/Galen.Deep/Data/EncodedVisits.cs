using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Data;

/// <summary>
/// Visit sequences after <see cref="VisitEncoding"/>: vocabulary indices in flat runs, cut into
/// <see cref="VisitBatch"/>es without per-visit padding.
/// </summary>
public sealed class EncodedVisits : IBatchSource<VisitBatch>
{
    private readonly int[] _sampleStart;
    private readonly int[] _visitStart;
    private readonly int[] _codes;
    private readonly float[] _gaps;

    internal EncodedVisits(int[] sampleStart, int[] visitStart, int[] codes, float[] gaps, long unknownCodes, long droppedVisits)
    {
        _sampleStart = sampleStart;
        _visitStart = visitStart;
        _codes = codes;
        _gaps = gaps;
        UnknownCodes = unknownCodes;
        DroppedVisits = droppedVisits;
    }

    public int Count => _sampleStart.Length - 1;

    /// <summary>Code occurrences outside the vocabulary, read as the unknown code.</summary>
    public long UnknownCodes { get; }

    /// <summary>Visits left out because a sample had more than the encoding's maximum.</summary>
    public long DroppedVisits { get; }

    /// <summary>Visits kept for one sample.</summary>
    public int VisitCount(int sample) => _sampleStart[sample + 1] - _sampleStart[sample];

    /// <summary>Vocabulary indices of one kept visit.</summary>
    public ReadOnlySpan<int> Codes(int sample, int visit)
    {
        int v = _sampleStart[sample] + visit;
        return _codes.AsSpan(_visitStart[v], _visitStart[v + 1] - _visitStart[v]);
    }

    public VisitBatch Batch(ReadOnlySpan<int> rows, Device device)
    {
        int size = rows.Length;
        int longest = 1;
        int totalCodes = 0;
        foreach (int row in rows)
        {
            longest = Math.Max(longest, VisitCount(row));
            totalCodes += _visitStart[_sampleStart[row + 1]] - _visitStart[_sampleStart[row]];
        }

        var codes = HostTensors.Empty(ScalarType.Int64, totalCodes);
        var offsets = HostTensors.Empty(ScalarType.Int64, size * longest);
        var lengths = HostTensors.Empty(ScalarType.Int64, size);
        var mask = HostTensors.Empty(ScalarType.Bool, size, longest);
        var gaps = HostTensors.Empty(ScalarType.Float32, size, longest);
        var codeSpan = HostTensors.Span<long>(codes);
        var offsetSpan = HostTensors.Span<long>(offsets);
        var lengthSpan = HostTensors.Span<long>(lengths);
        var maskSpan = HostTensors.Span<bool>(mask);
        var gapSpan = HostTensors.Span<float>(gaps);
        int at = 0;
        for (int b = 0; b < size; b++)
        {
            int row = rows[b];
            int visits = VisitCount(row);
            lengthSpan[b] = visits;
            for (int v = 0; v < longest; v++)
            {
                int position = (b * longest) + v;
                offsetSpan[position] = at;
                bool real = v < visits;
                maskSpan[position] = real;
                if (!real)
                {
                    gapSpan[position] = 0f;
                    continue;
                }

                int visit = _sampleStart[row] + v;
                gapSpan[position] = _gaps[visit];
                foreach (int code in _codes.AsSpan(_visitStart[visit], _visitStart[visit + 1] - _visitStart[visit]))
                {
                    codeSpan[at++] = code;
                }
            }
        }

        return new VisitBatch(
            HostTensors.On(codes, device),
            HostTensors.On(offsets, device),
            lengths,
            HostTensors.On(mask, device),
            HostTensors.On(gaps, device),
            size,
            longest);
    }
}
