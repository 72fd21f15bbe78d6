using Galen.Core.Errors;
using Galen.Core.Privacy;
using Galen.Text.Corpus;

namespace Galen.Text.Tests.Corpus;

public sealed class AnnotatedCorpusTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "galen-corpus-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Notes_written_as_text_files_and_jsonl_read_back_equal()
    {
        var notes = new[]
        {
            new AnnotatedNote("n1", "10023", "555", "Seen by Dr. Roe on 3/4/21.", [new PhiSpan(12, 3, PhiType.ClinicianName), new PhiSpan(19, 6, PhiType.Date)], "Progress note"),
            new AnnotatedNote("n2", "10024", null, "No PHI here.", []),
        };
        AnnotatedCorpus.Write(_folder, notes);
        var read = AnnotatedCorpus.Read(_folder);
        Assert.Equal(2, read.Count);
        Assert.Equal(notes[0].Text, read[0].Text);
        Assert.Equal(notes[0].Spans, read[0].Spans);
        Assert.Equal("10023", read[0].SubjectId);
        Assert.Empty(read[1].Spans);
    }

    [Fact]
    public void Texts_are_also_found_in_a_mimic_noteevents_table()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "notes"));
        File.WriteAllText(Path.Combine(_folder, "notes", "annotations.jsonl"), "{\"note_id\": 7, \"subject_id\": 3, \"hadm_id\": null, \"spans\": [{\"start\": 0, \"length\": 4, \"type\": \"PatientName\"}]}\n");
        File.WriteAllText(Path.Combine(_folder, "NOTEEVENTS.csv"), "ROW_ID,SUBJECT_ID,TEXT\n7,3,\"Anna, seen\nagain \"\"today\"\"\"\n");
        var note = Assert.Single(AnnotatedCorpus.Read(_folder));
        Assert.Equal("Anna, seen\nagain \"today\"", note.Text);
        Assert.Equal("3", note.SubjectId);
    }

    [Fact]
    public void A_bad_annotation_line_names_the_file_line_and_field()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "notes"));
        File.WriteAllText(Path.Combine(_folder, "notes", "n1.txt"), "short");
        File.WriteAllText(Path.Combine(_folder, "notes", "annotations.jsonl"), "{\"note_id\": \"n1\", \"spans\": [{\"start\": 0, \"length\": 4, \"type\": \"Nickname\"}]}\n");
        var error = Assert.Throws<GalenInputException>(() => AnnotatedCorpus.Read(_folder));
        Assert.Equal(1, error.Location!.Line);
        Assert.Equal("type", error.Location.Field);
        File.WriteAllText(Path.Combine(_folder, "notes", "annotations.jsonl"), "{\"note_id\": \"n1\", \"spans\": [{\"start\": 2, \"length\": 9, \"type\": \"Date\"}]}\n");
        Assert.Contains("outside note 'n1'", Assert.Throws<GalenInputException>(() => AnnotatedCorpus.Read(_folder)).Message, StringComparison.Ordinal);
    }
}
