namespace Galen.Data.Timeline;

/// <summary>What to load into timelines.</summary>
public sealed record TimelineOptions
{
    /// <summary>Patients per batch: bounds memory (about 40 bytes per event).</summary>
    public int BatchSize { get; init; } = 25_000;

    /// <summary>Load note texts too (large; tasks do not need them).</summary>
    public bool IncludeNotes { get; init; }

    /// <summary>Only these patients (by <c>person_id</c>), or all when null.</summary>
    public IReadOnlyCollection<long>? PersonIds { get; init; }
}
