namespace Galen.Data.Timeline;

/// <summary>What to load into timelines.</summary>
public sealed record TimelineOptions
{
    /// <summary>
    /// Patients per batch: bounds memory. Measured on the synthetic hospital (about 380 events per
    /// patient, bench tasks-scaling): a process ingesting 100,000 patients and building two tasks
    /// peaked at 2.8 GB with 5,000 patients per batch and 5.8 GB with 25,000, for the same CPU
    /// time — a few hundred bytes of memory per loaded event.
    /// </summary>
    public int BatchSize { get; init; } = 5_000;

    /// <summary>Load note texts too (large; tasks do not need them).</summary>
    public bool IncludeNotes { get; init; }

    /// <summary>Only these patients (by <c>person_id</c>), or all when null.</summary>
    public IReadOnlyCollection<long>? PersonIds { get; init; }
}
