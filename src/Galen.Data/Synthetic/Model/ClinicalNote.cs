using Galen.Core.Privacy;

namespace Galen.Data.Synthetic.Model;

/// <summary>
/// A clinical note with the PHI spans the generator embedded in it. Span offsets are UTF-16
/// code units into <see cref="Text"/>, exactly as written to the files.
/// </summary>
/// <param name="Kind">admission or discharge: which template family wrote it.</param>
/// <param name="Category">NOTEEVENTS.CATEGORY ("Physician", "Discharge summary").</param>
/// <param name="Description">NOTEEVENTS.DESCRIPTION.</param>
/// <param name="Time">CHARTTIME.</param>
/// <param name="Text">The note as written to every format.</param>
/// <param name="Spans">PHI spans in <paramref name="Text"/>, in order.</param>
public sealed record ClinicalNote(string Kind, string Category, string Description, DateTime Time, string Text, IReadOnlyList<PhiSpan> Spans)
{
    /// <summary>NOTEEVENTS.ROW_ID, OMOP note_id and the FHIR DocumentReference id; set when the hospital numbers its records.</summary>
    public long NoteId { get; internal set; }
}
