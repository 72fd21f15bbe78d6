using Galen.Core.Errors;
using Galen.Core.Learning;

namespace Galen.Deep.Data;

/// <summary>
/// Samples that are each a patient's measurements over time (vitals, labs): a run of time
/// steps, each with one value per channel, <see cref="float.NaN"/> where the channel was not
/// measured at that step. The inputs of the time-series GRU/LSTM models, which see the missing
/// values through a mask rather than as invented numbers.
/// </summary>
/// <remarks>
/// Samples may also carry <see cref="Context"/>: features known at the prediction time that do
/// not change along the series (age, history, treatments started), which the network reads
/// beside the series. The data layer's samples (<see cref="Core.Learning.Sequences.TimeSeriesSet"/>)
/// come in through <see cref="SequenceInputAdapter"/>; <see cref="Create"/> builds from arrays.
/// </remarks>
public sealed class TimeSeriesInputs : IInputs<TimeSeriesInputs>
{
    // Sample s owns steps [_stepStart[s], _stepStart[s + 1]); step t owns values
    // [t * Channels.Count, (t + 1) * Channels.Count).
    private readonly int[] _stepStart;
    private readonly float[] _values;

    private TimeSeriesInputs(IReadOnlyList<FeatureSpec> channels, int[] stepStart, float[] values, FeatureMatrix? context)
    {
        if (context is not null && context.Rows != stepStart.Length - 1)
        {
            throw new GalenInputException(
                $"The context features have {context.Rows} rows for {stepStart.Length - 1} time series.",
                new SourceLocation("time series", Field: "context", Value: context.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                "Give one context row per sample, in sample order.");
        }

        Channels = channels;
        _stepStart = stepStart;
        _values = values;
        Context = context;
    }

    /// <summary>Features of each sample that do not change over its series (NaN = missing), or null.</summary>
    public FeatureMatrix? Context { get; }

    /// <summary>What each channel measures, in value order.</summary>
    public IReadOnlyList<FeatureSpec> Channels { get; }

    /// <summary>Samples held.</summary>
    public int Count => _stepStart.Length - 1;

    /// <summary>Time steps of one sample.</summary>
    public int StepCount(int sample) => _stepStart[sample + 1] - _stepStart[sample];

    /// <summary>One step's values, one per channel, NaN where not measured.</summary>
    public ReadOnlySpan<float> Step(int sample, int step)
    {
        if ((uint)step >= (uint)StepCount(sample))
        {
            throw new ArgumentOutOfRangeException(nameof(step), $"sample {sample} has {StepCount(sample)} steps; step {step} does not exist.");
        }

        int width = Channels.Count;
        return _values.AsSpan((_stepStart[sample] + step) * width, width);
    }

    /// <summary>All steps of one sample, row-major (steps × channels).</summary>
    public ReadOnlySpan<float> Sample(int sample)
    {
        int width = Channels.Count;
        return _values.AsSpan(_stepStart[sample] * width, StepCount(sample) * width);
    }

    /// <summary>The given samples, in the given order.</summary>
    public TimeSeriesInputs Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int width = Channels.Count;
        var stepStart = new int[rows.Count + 1];
        for (int i = 0; i < rows.Count; i++)
        {
            stepStart[i + 1] = stepStart[i] + StepCount(rows[i]);
        }

        var values = new float[stepStart[rows.Count] * width];
        for (int i = 0; i < rows.Count; i++)
        {
            Sample(rows[i]).CopyTo(values.AsSpan(stepStart[i] * width));
        }

        return new TimeSeriesInputs(Channels, stepStart, values, Context?.Select(rows));
    }

    /// <summary>
    /// Builds inputs from one steps × channels matrix per sample (row-major, NaN = missing) and,
    /// optionally, one row of context features per sample. Infinite values are rejected with the
    /// sample, step and channel named.
    /// </summary>
    public static TimeSeriesInputs Create(IReadOnlyList<FeatureSpec> channels, IEnumerable<float[]> samples, FeatureMatrix? context = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(samples);
        if (channels.Count == 0)
        {
            throw new GalenConfigurationException("Time-series inputs need at least one channel.");
        }

        int width = channels.Count;
        var stepStart = new List<int> { 0 };
        var values = new List<float>();
        int sample = 0;
        foreach (var matrix in samples)
        {
            if (matrix.Length % width != 0)
            {
                throw new GalenInputException(
                    $"Sample {sample} holds {matrix.Length} values, which is not a whole number of steps of {width} channels.",
                    new SourceLocation("time series", sample + 1, "values", matrix.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            for (int i = 0; i < matrix.Length; i++)
            {
                if (float.IsInfinity(matrix[i]))
                {
                    throw new GalenInputException(
                        $"Sample {sample}, step {i / width} has an infinite value.",
                        new SourceLocation("time series", sample + 1, channels[i % width].Name, matrix[i].ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        "Use NaN for a value that was not measured.");
                }
            }

            values.AddRange(matrix);
            stepStart.Add(stepStart[^1] + (matrix.Length / width));
            sample++;
        }

        return new TimeSeriesInputs(channels, stepStart.ToArray(), values.ToArray(), context);
    }

    /// <summary>
    /// Builds inputs from samples that all have <paramref name="steps"/> steps, given as one
    /// samples × steps × channels array (NaN = missing); takes ownership of the array.
    /// </summary>
    internal static TimeSeriesInputs FromRegular(IReadOnlyList<FeatureSpec> channels, int steps, float[] values, FeatureMatrix? context)
    {
        int width = channels.Count * steps;
        int count = width == 0 ? 0 : values.Length / width;
        var stepStart = new int[count + 1];
        for (int s = 0; s <= count; s++)
        {
            stepStart[s] = s * steps;
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsInfinity(values[i]))
            {
                throw new GalenInputException(
                    $"Sample {i / width}, step {i % width / channels.Count} has an infinite value.",
                    new SourceLocation("time series", (i / width) + 1, channels[i % channels.Count].Name, values[i].ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    "Use NaN for a value that was not measured.");
            }
        }

        return new TimeSeriesInputs(channels, stepStart, values, context);
    }
}
