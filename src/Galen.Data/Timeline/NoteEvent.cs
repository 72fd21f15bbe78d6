namespace Galen.Data.Timeline;

/// <summary>A clinical note on a timeline (loaded only when <see cref="TimelineOptions.IncludeNotes"/> is set).</summary>
/// <param name="Visit">Index of its visit in <see cref="Patient.Visits"/>, or -1.</param>
/// <param name="Time">When it was written.</param>
/// <param name="Category">Kind of note ("Discharge summary", …).</param>
/// <param name="Title">Description or title.</param>
/// <param name="Text">The note's text (patient data).</param>
public readonly record struct NoteEvent(int Visit, DateTime Time, string? Category, string? Title, string Text);
