namespace Galen.Text.Deid.Pipeline;

/// <summary>
/// One note to de-identify: its id (a relative path, a note_id), the key of its patient, and
/// either its text or the reason it could not be read (never containing the note's content).
/// </summary>
public sealed record SourceNote(string Id, string PatientKey, string? Text, string? Problem)
{
    public static SourceNote Readable(string id, string patientKey, string text) => new(id, patientKey, text, null);

    public static SourceNote Unreadable(string id, string patientKey, string problem) => new(id, patientKey, null, problem);
}
