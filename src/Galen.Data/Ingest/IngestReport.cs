namespace Galen.Data.Ingest;

/// <summary>What happened to one input file.</summary>
public enum FileOutcome
{
    /// <summary>Read and stored.</summary>
    Ingested,

    /// <summary>The store already holds this exact content (same bytes, by hash); nothing was read.</summary>
    AlreadyIngested,

    /// <summary>Not a table of the format; not read (listed so nothing goes unmentioned).</summary>
    NotATable,
}

/// <summary>One input file's counts.</summary>
/// <param name="File">File name (no folder).</param>
/// <param name="Table">The source table or resource stream it holds, e.g. "LABEVENTS".</param>
/// <param name="Outcome">Ingested, skipped as already ingested, or not a table.</param>
/// <param name="Records">Records read (rows or resources).</param>
/// <param name="Accepted">Records stored.</param>
/// <param name="Quarantined">Records rejected into the quarantine.</param>
/// <param name="NotUsed">Records deliberately not stored (e.g. FHIR resource types Galen does not use), never rejected ones.</param>
public sealed record IngestFileReport(string File, string Table, FileOutcome Outcome, long Records, long Accepted, long Quarantined, long NotUsed = 0);

/// <summary>How many records of one file went to the quarantine for one reason, with the first such place.</summary>
/// <param name="File">File name.</param>
/// <param name="Table">Store table the record was meant for.</param>
/// <param name="Reason">Why.</param>
/// <param name="Count">Records.</param>
/// <param name="FirstLocation">Where the first one is: "line 12 field 'CHARTTIME'" or "resource Observation/…" (no values).</param>
/// <param name="FirstDetail">The first one's PHI-free explanation.</param>
public sealed record QuarantineSummary(string File, string Table, QuarantineReason Reason, long Count, string FirstLocation, string FirstDetail);

/// <summary>The outcome of one <see cref="Store.ClinicalStore.Ingest"/> call.</summary>
/// <param name="RunId">Number of this run in the store's <c>ingest_run</c> table.</param>
/// <param name="Format">Source format.</param>
/// <param name="Files">Every file found, in the order handled.</param>
/// <param name="Quarantine">Quarantined records grouped by file, table and reason.</param>
/// <param name="Notes">Other things the user should know (codes resolved by fallback, ignored resource types).</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Fingerprint">The store's data fingerprint after the run.</param>
public sealed record IngestReport(
    int RunId,
    IngestFormat Format,
    IReadOnlyList<IngestFileReport> Files,
    IReadOnlyList<QuarantineSummary> Quarantine,
    IReadOnlyList<string> Notes,
    TimeSpan Elapsed,
    string Fingerprint)
{
    public long Records => Files.Sum(f => f.Records);

    public long Accepted => Files.Sum(f => f.Accepted);

    public long Quarantined => Files.Sum(f => f.Quarantined);

    /// <summary>True when every file was already in the store.</summary>
    public bool NothingNew => Files.All(f => f.Outcome != FileOutcome.Ingested);
}
