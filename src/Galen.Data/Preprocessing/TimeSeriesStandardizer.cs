using Galen.Core.Learning.Sequences;

namespace Galen.Data.Preprocessing;

/// <summary>
/// Scales each channel of time series to mean 0 and standard deviation 1 over the training set's
/// observed values (mask = 1); unobserved values are scaled the same way (NaN stays NaN).
/// </summary>
public sealed class TimeSeriesStandardizer
{
    public FittedTimeSeriesStandardizer Fit(TimeSeriesSet train)
    {
        ArgumentNullException.ThrowIfNull(train);
        int channels = train.Channels.Count;
        var observed = new List<double>[channels];
        for (int c = 0; c < channels; c++)
        {
            observed[c] = [];
        }

        var values = train.Values;
        var mask = train.Mask;
        for (int i = 0; i < values.Length; i++)
        {
            if (mask[i] > 0)
            {
                observed[i % channels].Add(values[i]);
            }
        }

        var mean = new double[channels];
        var scale = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            mean[c] = observed[c].Count == 0 ? 0 : ColumnStatistics.Mean(observed[c]);
            double sd = observed[c].Count == 0 ? 0 : Math.Sqrt(ColumnStatistics.Variance(observed[c]));
            scale[c] = sd > 0 ? sd : 1;
        }

        return new FittedTimeSeriesStandardizer(mean, scale);
    }
}

/// <summary>A <see cref="TimeSeriesStandardizer"/> with its training means and deviations.</summary>
public sealed class FittedTimeSeriesStandardizer
{
    private readonly double[] _mean;
    private readonly double[] _scale;

    internal FittedTimeSeriesStandardizer(double[] mean, double[] scale)
    {
        _mean = mean;
        _scale = scale;
    }

    public IReadOnlyList<double> Means => _mean;

    public IReadOnlyList<double> Scales => _scale;

    public TimeSeriesSet Transform(TimeSeriesSet rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Channels.Count != _mean.Length)
        {
            throw new ArgumentException($"{rows.Channels.Count} channels; the standardizer was fitted on {_mean.Length}.", nameof(rows));
        }

        var output = rows.Values.ToArray();
        for (int i = 0; i < output.Length; i++)
        {
            int c = i % _mean.Length;
            output[i] = (float)((output[i] - _mean[c]) / _scale[c]);
        }

        return rows.WithValues(output);
    }
}
