namespace Galen.Data.Synthetic.Generation;

/// <summary>Every time the synthetic hospital records has minute resolution, as its files write it.</summary>
internal static class Minutes
{
    /// <summary>The time with seconds and smaller parts dropped.</summary>
    public static DateTime Floor(DateTime time) => new(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, DateTimeKind.Unspecified);
}
