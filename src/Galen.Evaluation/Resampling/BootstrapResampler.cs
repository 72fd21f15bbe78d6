using Galen.Core.Learning;

namespace Galen.Evaluation.Resampling;

/// <summary>
/// Draws bootstrap resamples as per-sample counts. When samples carry patient keys and some
/// patient has several samples, whole patients are drawn (a cluster bootstrap), so a patient's
/// samples stay together as they do in the splits.
/// </summary>
public sealed class BootstrapResampler
{
    private readonly int _count;

    // Samples of each patient, flattened: patient p owns _members[_starts[p] .. _starts[p + 1]).
    private readonly int[]? _starts;
    private readonly int[]? _members;

    /// <summary>A resampler over <paramref name="count"/> samples, grouped by patient when <paramref name="samples"/> is given.</summary>
    public BootstrapResampler(int count, IReadOnlyList<SampleInfo>? samples = null)
    {
        _count = count;
        if (samples is null)
        {
            return;
        }

        if (samples.Count != count)
        {
            throw new ArgumentException($"{samples.Count} sample descriptions for {count} samples.", nameof(samples));
        }

        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            if (!groups.TryGetValue(samples[i].PatientKey, out var list))
            {
                groups[samples[i].PatientKey] = list = [];
            }

            list.Add(i);
        }

        if (groups.Count == count)
        {
            return;
        }

        _starts = new int[groups.Count + 1];
        _members = new int[count];
        int p = 0, at = 0;
        foreach (var list in groups.Values)
        {
            _starts[p++] = at;
            foreach (int i in list)
            {
                _members[at++] = i;
            }
        }

        _starts[p] = at;
    }

    /// <summary>Samples covered.</summary>
    public int Count => _count;

    /// <summary>Patients drawn per resample (the sample count when each patient has one sample).</summary>
    public int Units => _starts is null ? _count : _starts.Length - 1;

    /// <summary>Fills <paramref name="counts"/> with how often each sample is drawn in one resample.</summary>
    public void Draw(Random random, Span<int> counts)
    {
        ArgumentNullException.ThrowIfNull(random);
        counts.Clear();
        if (_starts is null)
        {
            for (int d = 0; d < _count; d++)
            {
                counts[random.Next(_count)]++;
            }

            return;
        }

        int units = _starts.Length - 1;
        for (int d = 0; d < units; d++)
        {
            int p = random.Next(units);
            for (int m = _starts[p]; m < _starts[p + 1]; m++)
            {
                counts[_members![m]]++;
            }
        }
    }

    /// <summary>Rows of one resample (each sample repeated as often as drawn).</summary>
    public static int[] RowsOf(ReadOnlySpan<int> counts)
    {
        int total = 0;
        foreach (int c in counts)
        {
            total += c;
        }

        var rows = new int[total];
        int at = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            for (int c = 0; c < counts[i]; c++)
            {
                rows[at++] = i;
            }
        }

        return rows;
    }
}
