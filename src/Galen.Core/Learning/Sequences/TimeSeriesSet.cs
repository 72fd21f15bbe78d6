namespace Galen.Core.Learning.Sequences;

/// <summary>
/// Regularly sampled multichannel time series with observation masks: samples × steps ×
/// channels, row-major (sample, then step, then channel). Step 0 is the oldest. A value whose
/// mask is 0 was not observed: it is NaN as produced by tasks, or whatever an imputer filled in.
/// </summary>
public sealed class TimeSeriesSet : IInputs<TimeSeriesSet>
{
    private readonly float[] _values;
    private readonly float[] _mask;

    /// <param name="channels">Channel names, e.g. "LOINC:8867-4" (heart rate).</param>
    /// <param name="units">Unit of each channel, or null.</param>
    /// <param name="steps">Time steps per sample.</param>
    /// <param name="stepHours">Width of one step in hours.</param>
    /// <param name="values">samples × steps × channels values.</param>
    /// <param name="mask">Same shape: 1 where observed, 0 where not.</param>
    public TimeSeriesSet(IReadOnlyList<string> channels, IReadOnlyList<string?> units, int steps, double stepHours, float[] values, float[] mask)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        if (units.Count != channels.Count)
        {
            throw new ArgumentException($"{units.Count} units for {channels.Count} channels.", nameof(units));
        }

        int width = steps * channels.Count;
        if (values.Length != mask.Length || (width == 0 ? values.Length != 0 : values.Length % width != 0))
        {
            throw new ArgumentException($"{values.Length} values and {mask.Length} mask entries do not fill samples of {steps} steps × {channels.Count} channels.", nameof(values));
        }

        Channels = channels;
        Units = units;
        Steps = steps;
        StepHours = stepHours;
        _values = values;
        _mask = mask;
        Count = width == 0 ? 0 : values.Length / width;
    }

    public IReadOnlyList<string> Channels { get; }

    public IReadOnlyList<string?> Units { get; }

    public int Steps { get; }

    public double StepHours { get; }

    public int Count { get; }

    /// <summary>Values per sample (steps × channels).</summary>
    public int SampleWidth => Steps * Channels.Count;

    public ReadOnlySpan<float> Values => _values;

    public ReadOnlySpan<float> Mask => _mask;

    /// <summary>One sample's steps × channels values.</summary>
    public ReadOnlySpan<float> SampleValues(int sample) => _values.AsSpan(sample * SampleWidth, SampleWidth);

    /// <summary>One sample's steps × channels mask.</summary>
    public ReadOnlySpan<float> SampleMask(int sample) => _mask.AsSpan(sample * SampleWidth, SampleWidth);

    /// <summary>The same shape with other values (e.g. after imputation); the mask is kept.</summary>
    public TimeSeriesSet WithValues(float[] values) => new(Channels, Units, Steps, StepHours, values, _mask);

    public TimeSeriesSet Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int width = SampleWidth;
        var values = new float[rows.Count * width];
        var mask = new float[rows.Count * width];
        for (int i = 0; i < rows.Count; i++)
        {
            SampleValues(rows[i]).CopyTo(values.AsSpan(i * width, width));
            SampleMask(rows[i]).CopyTo(mask.AsSpan(i * width, width));
        }

        return new TimeSeriesSet(Channels, Units, Steps, StepHours, values, mask);
    }
}
