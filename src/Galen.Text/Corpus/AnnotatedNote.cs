using Galen.Core.Privacy;

namespace Galen.Text.Corpus;

/// <summary>A clinical note with its PHI spans marked (the shape of a line of <c>notes/annotations.jsonl</c> plus the text).</summary>
/// <param name="NoteId">The note's id.</param>
/// <param name="SubjectId">The patient it belongs to, when known.</param>
/// <param name="HadmId">The admission it belongs to, when known.</param>
/// <param name="Text">The note's text.</param>
/// <param name="Spans">The PHI in <paramref name="Text"/>, sorted by start.</param>
/// <param name="Category">The kind of note ("Discharge summary", "Radiology", …), when known.</param>
public sealed record AnnotatedNote(string NoteId, string? SubjectId, string? HadmId, string Text, IReadOnlyList<PhiSpan> Spans, string? Category = null);
