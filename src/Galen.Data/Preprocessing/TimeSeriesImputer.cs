using Galen.Core.Learning.Sequences;

namespace Galen.Data.Preprocessing;

/// <summary>
/// Fills unobserved steps of time series within each sample, by carrying the last value forward
/// or interpolating linearly between observed values. Steps before a channel's first
/// observation (and channels never observed) take the channel's mean over the training set's
/// observed values (0 if training never observed it): that mean is the only fitted statistic.
/// Masks are kept, so models still know what was measured.
/// </summary>
public sealed class TimeSeriesImputer(TimeSeriesFill fill = TimeSeriesFill.CarryForward)
{
    public TimeSeriesFill Fill { get; } = fill;

    public FittedTimeSeriesImputer Fit(TimeSeriesSet train)
    {
        ArgumentNullException.ThrowIfNull(train);
        int channels = train.Channels.Count;
        var sum = new double[channels];
        var count = new long[channels];
        var values = train.Values;
        var mask = train.Mask;
        for (int i = 0; i < values.Length; i++)
        {
            if (mask[i] > 0)
            {
                sum[i % channels] += values[i];
                count[i % channels]++;
            }
        }

        var means = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            means[c] = count[c] == 0 ? 0f : (float)(sum[c] / count[c]);
        }

        return new FittedTimeSeriesImputer(Fill, means, train.Channels);
    }
}

/// <summary>A <see cref="TimeSeriesImputer"/> with its training means.</summary>
public sealed class FittedTimeSeriesImputer
{
    private readonly TimeSeriesFill _fill;
    private readonly float[] _means;
    private readonly IReadOnlyList<string> _channels;

    internal FittedTimeSeriesImputer(TimeSeriesFill fill, float[] means, IReadOnlyList<string> channels)
    {
        _fill = fill;
        _means = means;
        _channels = channels;
    }

    /// <summary>Training mean of each channel (used before a channel's first observation).</summary>
    public IReadOnlyList<float> ChannelMeans => _means;

    public TimeSeriesSet Transform(TimeSeriesSet rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!rows.Channels.SequenceEqual(_channels, StringComparer.Ordinal))
        {
            throw new ArgumentException("The time series have other channels than the imputer was fitted on.", nameof(rows));
        }

        int channels = _channels.Count;
        int steps = rows.Steps;
        var output = rows.Values.ToArray();
        var mask = rows.Mask;
        for (int s = 0; s < rows.Count; s++)
        {
            int offset = s * rows.SampleWidth;
            for (int c = 0; c < channels; c++)
            {
                int previous = -1;
                for (int t = 0; t < steps; t++)
                {
                    int i = offset + (t * channels) + c;
                    if (mask[i] > 0)
                    {
                        if (_fill == TimeSeriesFill.LinearInterpolation && previous >= 0 && t - previous > 1)
                        {
                            float from = output[offset + (previous * channels) + c];
                            float to = output[i];
                            for (int g = previous + 1; g < t; g++)
                            {
                                output[offset + (g * channels) + c] = from + ((to - from) * (g - previous) / (t - previous));
                            }
                        }

                        previous = t;
                    }
                    else
                    {
                        // Carry forward now; linear interpolation overwrites the gap when the next value comes.
                        output[i] = previous >= 0 ? output[offset + (previous * channels) + c] : _means[c];
                    }
                }
            }
        }

        return rows.WithValues(output);
    }
}
