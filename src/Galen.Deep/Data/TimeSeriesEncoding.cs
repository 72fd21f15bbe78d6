using System.Globalization;
using Galen.Core.Errors;
using Galen.Core.Learning;

namespace Galen.Deep.Data;

/// <summary>
/// How a time-series model reads measurements, learned from training samples only: each
/// channel is standardised with its training mean and standard deviation over measured values,
/// and at most the last <see cref="MaxSteps"/> steps of a sample are kept. Saved with the model.
/// </summary>
/// <param name="Channels">The training channels, in order; inputs must match them.</param>
/// <param name="Means">Training mean of each channel over measured values.</param>
/// <param name="Scales">Training standard deviation of each channel (1 where it is 0 or unknown).</param>
/// <param name="MaxSteps">The most recent steps kept per sample; earlier ones are dropped and counted.</param>
public sealed record TimeSeriesEncoding(IReadOnlyList<FeatureSpec> Channels, IReadOnlyList<float> Means, IReadOnlyList<float> Scales, int MaxSteps)
{
    /// <summary>
    /// Scaling of the samples' context features (training mean and standard deviation; a missing
    /// value reads as the mean), or null when the model was trained without context.
    /// </summary>
    public FeatureScaling? Context { get; init; }

    /// <summary>
    /// Per-channel summary statistics of the kept steps and their training scaling, or null when
    /// the model reads the series alone (and in models saved before summaries existed).
    /// </summary>
    public TimeSeriesSummary? Summary { get; init; }

    /// <summary>Learns channel means and scales from the training samples.</summary>
    public static TimeSeriesEncoding Fit(TimeSeriesInputs train, int maxSteps) => Fit(train, maxSteps, []);

    /// <summary>
    /// Learns channel means and scales from the training samples and, when
    /// <paramref name="summary"/> names any statistics, their per-channel summary and its scaling.
    /// </summary>
    public static TimeSeriesEncoding Fit(TimeSeriesInputs train, int maxSteps, IReadOnlyList<SeriesStatistic> summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(train);
        int width = train.Channels.Count;
        var sums = new double[width];
        var squares = new double[width];
        var counts = new long[width];
        for (int s = 0; s < train.Count; s++)
        {
            var values = train.Sample(s);
            for (int i = 0; i < values.Length; i++)
            {
                float value = values[i];
                if (!float.IsNaN(value))
                {
                    sums[i % width] += value;
                    squares[i % width] += (double)value * value;
                    counts[i % width]++;
                }
            }
        }

        var means = new float[width];
        var scales = new float[width];
        for (int c = 0; c < width; c++)
        {
            double mean = counts[c] == 0 ? 0 : sums[c] / counts[c];
            double variance = counts[c] < 2 ? 0 : Math.Max(0, (squares[c] / counts[c]) - (mean * mean));
            means[c] = (float)mean;
            scales[c] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }

        return new TimeSeriesEncoding(train.Channels.ToArray(), means, scales, maxSteps)
        {
            Context = train.Context is { } context ? FeatureScaling.Fit(context) : null,
            Summary = summary.Count > 0 ? TimeSeriesSummary.Fit(train, maxSteps, summary) : null,
        };
    }

    /// <summary>
    /// Standardises, carries each channel's last measurement forward over missing steps (0,
    /// the training mean, before its first), records where values were measured, and computes
    /// the summary statistics when the encoding has them.
    /// </summary>
    public EncodedTimeSeries Encode(TimeSeriesInputs inputs, string source = "time series")
    {
        ArgumentNullException.ThrowIfNull(inputs);
        CheckChannels(inputs, source);
        int width = Channels.Count;
        var sampleStart = new int[inputs.Count + 1];
        for (int s = 0; s < inputs.Count; s++)
        {
            int steps = inputs.StepCount(s);
            if (steps == 0)
            {
                throw new GalenInputException(
                    $"Sample {s} has no time steps; a time-series model needs at least one.",
                    new SourceLocation(source, s + 1, "steps", "0"),
                    "Leave samples without measurements out of the task, or count them as rejected.");
            }

            sampleStart[s + 1] = sampleStart[s] + Math.Min(steps, MaxSteps);
        }

        var values = new float[sampleStart[^1] * width];
        var observed = new float[values.Length];
        long droppedSteps = 0;
        var last = new float[width];
        for (int s = 0; s < inputs.Count; s++)
        {
            int steps = inputs.StepCount(s);
            int first = Math.Max(0, steps - MaxSteps);
            droppedSteps += first;
            Array.Clear(last);
            var sample = inputs.Sample(s);
            for (int t = first; t < steps; t++)
            {
                int target = (sampleStart[s] + t - first) * width;
                for (int c = 0; c < width; c++)
                {
                    float value = sample[(t * width) + c];
                    if (!float.IsNaN(value))
                    {
                        last[c] = (value - Means[c]) / Scales[c];
                        observed[target + c] = 1f;
                    }

                    values[target + c] = last[c];
                }
            }
        }

        var context = Context?.Encode(inputs.Context!, source + " context");
        var summary = Summary?.Encode(inputs, MaxSteps, source);
        return new EncodedTimeSeries(sampleStart, values, observed, width, droppedSteps, context, summary);
    }

    private void CheckChannels(TimeSeriesInputs inputs, string source)
    {
        if ((Context is null) != (inputs.Context is null))
        {
            throw new GalenInputException(
                Context is null
                    ? "The model was trained on time series alone but these samples carry context features."
                    : $"The model was trained with {Context.Features.Count} context features beside the time series but these samples carry none.",
                new SourceLocation(source, Field: "context"),
                "Build the samples the way the training samples were built.");
        }

        if (inputs.Channels.Count != Channels.Count)
        {
            throw new GalenInputException(
                $"The model was trained on {Channels.Count} channels but these samples have {inputs.Channels.Count}.",
                new SourceLocation(source, Field: "channels", Value: inputs.Channels.Count.ToString(CultureInfo.InvariantCulture)),
                "Build the samples with the same channels as the training samples.");
        }

        for (int c = 0; c < Channels.Count; c++)
        {
            if (inputs.Channels[c].Name != Channels[c].Name)
            {
                throw new GalenInputException(
                    $"Channel {c} is '{inputs.Channels[c].Name}' but the model was trained with '{Channels[c].Name}' there.",
                    new SourceLocation(source, Field: inputs.Channels[c].Name),
                    "Build the samples with the same channels as the training samples.");
            }
        }
    }
}
