using Galen.Core.Privacy;

namespace Galen.Text.Deid.Pipeline;

/// <summary>
/// What a de-identification run did: counts of replacements per PHI type (never the values),
/// notes written, and the notes that failed with why. Written as deid-manifest.json next to a
/// per-note deid-notes.jsonl, so a run over millions of notes keeps only totals in memory.
/// </summary>
public sealed record DeidManifest(
    string Operator,
    string Source,
    long NotesWritten,
    long NotesFailed,
    IReadOnlyDictionary<PhiType, long> Replaced,
    IReadOnlyList<FailedNote> Failures,
    int PatientsAddedToKeyStore,
    bool LearnedLayer)
{
    public long TotalReplaced => Replaced.Values.Sum();
}

/// <summary>A note that could not be de-identified, and why (no note content).</summary>
public sealed record FailedNote(string Id, string Problem);
