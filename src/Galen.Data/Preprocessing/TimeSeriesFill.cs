namespace Galen.Data.Preprocessing;

/// <summary>How <see cref="TimeSeriesImputer"/> fills the unobserved steps of a channel.</summary>
public enum TimeSeriesFill
{
    /// <summary>The last observed value, carried forward.</summary>
    CarryForward,

    /// <summary>A straight line between the observed values around the gap; after the last one, carried forward.</summary>
    LinearInterpolation,
}
