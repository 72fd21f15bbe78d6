namespace Galen.Deep.Data;

/// <summary>
/// A summary of one channel over a sample's series, as <see cref="TimeSeriesSummary"/> computes
/// it from the measured steps only (the steps the network sees, after the step window).
/// </summary>
public enum SeriesStatistic
{
    /// <summary>Lowest measured value (NaN, read as the training mean, when never measured).</summary>
    Min,

    /// <summary>Highest measured value.</summary>
    Max,

    /// <summary>Mean of the measured values.</summary>
    Mean,

    /// <summary>The last measured value.</summary>
    Last,

    /// <summary>How many steps were measured.</summary>
    Count,

    /// <summary>1 when the channel was never measured in the series, else 0.</summary>
    Unmeasured,
}
