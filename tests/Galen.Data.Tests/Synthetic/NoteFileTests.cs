using System.Globalization;
using System.Text.Json;
using Galen.Core.Privacy;

namespace Galen.Data.Tests.Synthetic;

/// <summary>notes/annotations.jsonl points exactly at the PHI inside NOTEEVENTS.TEXT as written.</summary>
public sealed class NoteFileTests(WrittenMimicHospital hospital) : IClassFixture<WrittenMimicHospital>
{
    [Fact]
    public void Annotation_offsets_point_into_the_text_written_to_noteevents()
    {
        var notes = Csv.Records(hospital.File("NOTEEVENTS.csv")).ToDictionary(r => long.Parse(r["ROW_ID"], CultureInfo.InvariantCulture));
        var (patients, _, _) = CollectingWriter.Generate(400, seed: 11);
        var expected = patients.SelectMany(p => p.Admissions.SelectMany(a => a.Notes)).ToDictionary(n => n.NoteId);
        int lines = 0;
        foreach (var line in File.ReadLines(hospital.File("notes/annotations.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            long noteId = root.GetProperty("note_id").GetInt64();
            var row = notes[noteId];
            Assert.Equal(row["SUBJECT_ID"], root.GetProperty("subject_id").GetInt64().ToString(CultureInfo.InvariantCulture));
            Assert.Equal(row["HADM_ID"], root.GetProperty("hadm_id").GetInt64().ToString(CultureInfo.InvariantCulture));
            string text = row["TEXT"];
            var note = expected[noteId];
            Assert.Equal(note.Text, text);
            var spans = root.GetProperty("spans").EnumerateArray().Select(s => new PhiSpan(s.GetProperty("start").GetInt32(), s.GetProperty("length").GetInt32(), Enum.Parse<PhiType>(s.GetProperty("type").GetString()!))).ToList();
            Assert.Equal(note.Spans, spans);
            lines++;
        }

        Assert.Equal(notes.Count, lines);
    }
}
