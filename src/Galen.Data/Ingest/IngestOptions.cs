namespace Galen.Data.Ingest;

/// <summary>How an ingest treats its input.</summary>
public sealed record IngestOptions
{
    /// <summary>
    /// Dates after this are impossible ("future dates") and their records are quarantined.
    /// Default: one day after the moment the ingest starts. Extracts whose dates were shifted
    /// into the future for de-identification (MIMIC shifts to 2100–2200) need a later limit,
    /// e.g. 2300-01-01.
    /// </summary>
    public DateTime? LatestValidTime { get; init; }

    /// <summary>Longest raw record kept in the quarantine, in bytes (longer ones are cut).</summary>
    public int MaxQuarantinedRecordBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// DuckDB's memory limit while the ingest runs (the store's own limit is restored after it).
    /// Lower than the store's default of 1 GB so that peak memory stays flat in the size of the
    /// files, long notes included; DuckDB spills to disk beyond it rather than failing.
    /// </summary>
    public string DuckDbMemoryLimit { get; init; } = "256MB";
}
