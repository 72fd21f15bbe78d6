using System.Runtime.CompilerServices;
using Galen.Core.Progress;

namespace Galen.Data.Ingest;

/// <summary>Something that can give back the current record as written, for the quarantine.</summary>
internal interface IRawRecordSource
{
    string CurrentRawRecord(int maxBytes);
}

/// <summary>
/// One input file being ingested: its store id, its counts, and where the current record is
/// (line or resource), so any rejection names its place.
/// </summary>
internal sealed class FileContext
{
    private const int TickEvery = 8192;
    private readonly IngestSession _session;
    private long _untilTick = TickEvery;
    private string? _firstPassHash;

    public FileContext(IngestSession session, SourceFile file, int fileId)
    {
        _session = session;
        File = file;
        FileId = fileId;
        (Content, Raw) = file.Open();
        TotalBytes = file.Bytes;
        Stage = file.Name;
    }

    /// <summary>Starts another pass over the file (the first pass must have read it to the end).</summary>
    public void Reopen()
    {
        _firstPassHash ??= Raw.Digest();
        Content.Dispose();
        (Content, Raw) = File.Open();
    }

    public SourceFile File { get; }

    public int FileId { get; }

    /// <summary>The decompressed content.</summary>
    public Stream Content { get; private set; }

    /// <summary>The raw bytes, hashed as they are read.</summary>
    public HashingReadStream Raw { get; private set; }

    /// <summary>The progress bar's name: the file name, or the file and the current pass.</summary>
    public string Stage { get; set; } = string.Empty;

    /// <summary>XxHash128 of the whole file: known after the first full pass.</summary>
    public string ContentHash => _firstPassHash ?? Raw.Digest();

    public long TotalBytes { get; }

    public long Records { get; private set; }

    public long Accepted { get; private set; }

    public long Quarantined { get; private set; }

    public long NotUsed { get; private set; }

    /// <summary>Line of the current record (CSV, NDJSON), when the source has lines.</summary>
    public long? Line { get; private set; }

    /// <summary>Entry number of the current record in a JSON Bundle (1-based).</summary>
    public long? Entry { get; private set; }

    /// <summary>The current record's own id (a FHIR "Type/id", or a parent's key), kept in the quarantine only.</summary>
    public string? RecordId { get; set; }

    public IRawRecordSource? RawSource { get; set; }

    /// <summary>Starts a new record; checks for cancellation and reports progress now and then.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void BeginRecord(long? line, long? entry = null)
    {
        Line = line;
        Entry = entry;
        RecordId = null;
        Records++;
        if (--_untilTick == 0)
        {
            _untilTick = TickEvery;
            _session.Cancellation.ThrowIfCancellationRequested();
            ReportProgress();
        }
    }

    public void ReportProgress() =>
        _session.Progress?.Report(new WorkProgress(Stage, Raw.BytesRead, TotalBytes, FormatCount(Records) + " records"));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Accept() => Accepted++;

    /// <summary>Counts a record that is deliberately not stored (not an error).</summary>
    public void NotUse() => NotUsed++;

    /// <summary>Sends the current record to the quarantine; returns false so callers can <c>return Reject(...)</c>.</summary>
    public bool Reject(string table, string? field, QuarantineReason reason, string detail)
    {
        Quarantined++;
        _session.Quarantine(this, table, field, reason, detail);
        return false;
    }

    /// <summary>Where the current record is, without any of its values: "line 12", "entry 3".</summary>
    public string Location(string? field)
    {
        string place = Line is { } line ? $"line {line}" : Entry is { } entry ? $"entry {entry}" : "record";
        return field is null ? place : $"{place} field '{field}'";
    }

    private static string FormatCount(long n) => n switch
    {
        >= 1_000_000 => (n / 1e6).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (n / 1e3).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "k",
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
