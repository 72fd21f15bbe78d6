using System.Globalization;
using Galen.Core.Errors;
using Galen.Core.Learning;

namespace Galen.Deep.Data;

/// <summary>
/// Per-channel summary statistics of each sample's series (e.g. the lowest and highest measured
/// value), computed from the same measured steps the recurrent network reads and standardised
/// with <see cref="Scaling"/>, learned from the training samples only. The time-series network
/// joins them to the recurrent state before its head, so extremes that a risk depends on do not
/// have to be found step by step. Saved with the model: <see cref="Statistics"/> names what each
/// channel contributes, in order, and <see cref="Scaling"/>'s feature names are
/// <c>channel:statistic</c> (channel-major).
/// </summary>
/// <param name="Statistics">The statistics per channel, in column order within a channel.</param>
/// <param name="Scaling">Training mean and standard deviation of every summary column; a statistic of a channel never measured (NaN) reads as the training mean.</param>
public sealed record TimeSeriesSummary(IReadOnlyList<SeriesStatistic> Statistics, FeatureScaling Scaling)
{
    /// <summary>Every statistic, in the default order: min, max, mean, last, count, unmeasured.</summary>
    public static IReadOnlyList<SeriesStatistic> All { get; } = Enum.GetValues<SeriesStatistic>();

    /// <summary>Summary columns per sample (channels × statistics).</summary>
    public int Width => Scaling.Features.Count;

    /// <summary>Computes the statistics of the training samples' last <paramref name="maxSteps"/> steps and learns their scaling.</summary>
    public static TimeSeriesSummary Fit(TimeSeriesInputs train, int maxSteps, IReadOnlyList<SeriesStatistic> statistics)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(statistics);
        if (statistics.Count == 0 || statistics.Distinct().Count() != statistics.Count)
        {
            throw new GalenConfigurationException(
                $"Summary statistics must be listed once each (got {string.Join(", ", statistics)}).",
                "Name each of min, max, mean, last, count and unmeasured at most once, or turn the summary off.");
        }

        return new TimeSeriesSummary(statistics.ToArray(), FeatureScaling.Fit(Compute(train, maxSteps, statistics)));
    }

    /// <summary>The standardised statistics of <paramref name="inputs"/> (whose channels the caller has checked).</summary>
    public ScaledFeatures Encode(TimeSeriesInputs inputs, int maxSteps, string source)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Scaling.Encode(Compute(inputs, maxSteps, Statistics), source + " summary");
    }

    /// <summary>
    /// The raw statistics, one row per sample and <c>channels × statistics</c> columns
    /// (channel-major), over each sample's last <paramref name="maxSteps"/> steps.
    /// </summary>
    public static FeatureMatrix Compute(TimeSeriesInputs inputs, int maxSteps, IReadOnlyList<SeriesStatistic> statistics)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(statistics);
        int width = inputs.Channels.Count;
        int per = statistics.Count;
        var features = new FeatureSpec[width * per];
        for (int c = 0; c < width; c++)
        {
            var channel = inputs.Channels[c];
            for (int k = 0; k < per; k++)
            {
                string statistic = Name(statistics[k]);
                var kind = statistics[k] == SeriesStatistic.Unmeasured ? FeatureKind.Binary : FeatureKind.Numeric;
                string? unit = statistics[k] is SeriesStatistic.Count or SeriesStatistic.Unmeasured ? null : channel.Unit;
                features[(c * per) + k] = new FeatureSpec($"{channel.Name}:{statistic}", $"{channel.DisplayName} ({statistic} over the series)", kind, unit);
            }
        }

        var values = new float[inputs.Count * features.Length];
        var min = new float[width];
        var max = new float[width];
        var sum = new double[width];
        var last = new float[width];
        var count = new int[width];
        for (int s = 0; s < inputs.Count; s++)
        {
            Array.Fill(min, float.PositiveInfinity);
            Array.Fill(max, float.NegativeInfinity);
            Array.Clear(sum);
            Array.Clear(count);
            var sample = inputs.Sample(s);
            int steps = inputs.StepCount(s);
            for (int t = Math.Max(0, steps - maxSteps); t < steps; t++)
            {
                for (int c = 0; c < width; c++)
                {
                    float value = sample[(t * width) + c];
                    if (float.IsNaN(value))
                    {
                        continue;
                    }

                    min[c] = Math.Min(min[c], value);
                    max[c] = Math.Max(max[c], value);
                    sum[c] += value;
                    last[c] = value;
                    count[c]++;
                }
            }

            var row = values.AsSpan(s * features.Length, features.Length);
            for (int c = 0; c < width; c++)
            {
                bool measured = count[c] > 0;
                for (int k = 0; k < per; k++)
                {
                    row[(c * per) + k] = statistics[k] switch
                    {
                        SeriesStatistic.Min => measured ? min[c] : float.NaN,
                        SeriesStatistic.Max => measured ? max[c] : float.NaN,
                        SeriesStatistic.Mean => measured ? (float)(sum[c] / count[c]) : float.NaN,
                        SeriesStatistic.Last => measured ? last[c] : float.NaN,
                        SeriesStatistic.Count => count[c],
                        SeriesStatistic.Unmeasured => measured ? 0f : 1f,
                        _ => throw new GalenInputException(
                            $"Unknown summary statistic '{statistics[k]}'.",
                            new SourceLocation("time-series summary", Field: "statistics", Value: statistics[k].ToString()),
                            "The model was written by a newer Galen; upgrade to read it."),
                    };
                }
            }
        }

        return new FeatureMatrix(features, values);
    }

    private static string Name(SeriesStatistic statistic) => statistic.ToString().ToLower(CultureInfo.InvariantCulture);
}
