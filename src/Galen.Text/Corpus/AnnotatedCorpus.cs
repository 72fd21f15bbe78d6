using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Galen.Core.Errors;
using Galen.Core.Privacy;

namespace Galen.Text.Corpus;

/// <summary>
/// Reads and writes annotated notes in the shape of docs/data-formats.md: a
/// <c>notes/annotations.jsonl</c> file (one line per note: note_id, subject_id, hadm_id, spans of
/// start, length, type) with the texts in <c>notes/{note_id}.txt</c>, in a MIMIC-style
/// <c>NOTEEVENTS.csv[.gz]</c> (ROW_ID or NOTE_ID, TEXT) or an OMOP <c>note.csv</c> (note_id, note_text).
/// </summary>
public static class AnnotatedCorpus
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes notes under <paramref name="root"/>: notes/{id}.txt and notes/annotations.jsonl.</summary>
    public static void Write(string root, IEnumerable<AnnotatedNote> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        string folder = Path.Combine(root, "notes");
        Directory.CreateDirectory(folder);
        using var annotations = new StreamWriter(Path.Combine(folder, "annotations.jsonl"), append: false, Utf8);
        annotations.NewLine = "\n";
        foreach (var note in notes)
        {
            File.WriteAllText(Path.Combine(folder, note.NoteId + ".txt"), note.Text, Utf8);
            var spans = new JsonArray();
            foreach (var span in note.Spans)
            {
                spans.Add(new JsonObject { ["start"] = span.Start, ["length"] = span.Length, ["type"] = span.Type.ToString() });
            }

            var line = new JsonObject
            {
                ["note_id"] = note.NoteId,
                ["subject_id"] = note.SubjectId,
                ["hadm_id"] = note.HadmId,
                ["spans"] = spans,
            };
            if (note.Category is not null)
            {
                line["category"] = note.Category;
            }

            annotations.WriteLine(line.ToJsonString());
        }
    }

    /// <summary>Where the annotations file of a corpus folder is, or null.</summary>
    public static string? FindAnnotations(string root)
    {
        foreach (var candidate in new[] { Path.Combine(root, "notes", "annotations.jsonl"), Path.Combine(root, "annotations.jsonl") })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Reads every annotated note of a corpus folder.</summary>
    public static IReadOnlyList<AnnotatedNote> Read(string root)
    {
        string annotationsPath = FindAnnotations(root)
            ?? throw new GalenInputException("has no notes/annotations.jsonl.", new SourceLocation(root), "Point --eval at a folder written by `galen synth` or `galen deid --write-eval-corpus`.");
        var entries = ReadAnnotations(annotationsPath);
        var texts = ReadTexts(root, Path.GetDirectoryName(annotationsPath)!, entries.Select(e => e.NoteId).ToHashSet(StringComparer.Ordinal));
        var notes = new List<AnnotatedNote>(entries.Count);
        foreach (var entry in entries)
        {
            if (!texts.TryGetValue(entry.NoteId, out var text))
            {
                throw new GalenInputException($"names note '{entry.NoteId}' but no text for it was found.", new SourceLocation(annotationsPath, entry.Line, "note_id", entry.NoteId), "Put the text in notes/{note_id}.txt, NOTEEVENTS.csv or note.csv.");
            }

            foreach (var span in entry.Spans)
            {
                if (span.Start < 0 || span.Length <= 0 || span.End > text.Length)
                {
                    throw new GalenInputException($"has a span [{span.Start}, {span.End}) outside note '{entry.NoteId}' of {text.Length} characters.", new SourceLocation(annotationsPath, entry.Line, "spans"), "Offsets are UTF-16 code units into the note's text.");
                }
            }

            notes.Add(new AnnotatedNote(entry.NoteId, entry.SubjectId, entry.HadmId, text, entry.Spans.OrderBy(s => s.Start).ToArray(), entry.Category));
        }

        return notes;
    }

    private sealed record Entry(string NoteId, string? SubjectId, string? HadmId, IReadOnlyList<PhiSpan> Spans, string? Category, long Line);

    private static List<Entry> ReadAnnotations(string path)
    {
        var entries = new List<Entry>();
        long number = 0;
        foreach (var line in File.ReadLines(path, Utf8))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line);
            }
            catch (JsonException e)
            {
                throw new GalenInputException("is not valid JSON.", new SourceLocation(path, number), "Each line must be one JSON object.", e);
            }

            if (node is not JsonObject obj || Text(obj["note_id"]) is not { } noteId)
            {
                throw new GalenInputException("has no note_id.", new SourceLocation(path, number, "note_id"));
            }

            var spans = new List<PhiSpan>();
            if (obj["spans"] is JsonArray array)
            {
                foreach (var item in array)
                {
                    string? typeName = Text(item?["type"]);
                    if (typeName is null || !Enum.TryParse<PhiType>(typeName, ignoreCase: true, out var type))
                    {
                        throw new GalenInputException("has a span with an unknown type.", new SourceLocation(path, number, "type", typeName), $"Use one of: {string.Join(", ", Enum.GetNames<PhiType>())}.");
                    }

                    int start = Number(item?["start"], path, number, "start");
                    int length = Number(item?["length"], path, number, "length");
                    spans.Add(new PhiSpan(start, length, type));
                }
            }

            entries.Add(new Entry(noteId, Text(obj["subject_id"]), Text(obj["hadm_id"]), spans, Text(obj["category"]), number));
        }

        return entries;
    }

    private static Dictionary<string, string> ReadTexts(string root, string notesFolder, HashSet<string> wanted)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in wanted)
        {
            string file = Path.Combine(notesFolder, id + ".txt");
            if (File.Exists(file))
            {
                texts[id] = File.ReadAllText(file, Utf8);
            }
        }

        if (texts.Count == wanted.Count)
        {
            return texts;
        }

        foreach (var (file, idColumns, textColumn) in new[]
        {
            ("NOTEEVENTS.csv", new[] { "ROW_ID", "NOTE_ID" }, "TEXT"),
            ("NOTEEVENTS.csv.gz", new[] { "ROW_ID", "NOTE_ID" }, "TEXT"),
            ("note.csv", new[] { "note_id" }, "note_text"),
        })
        {
            string? path = Directory.EnumerateFiles(root).FirstOrDefault(f => string.Equals(Path.GetFileName(f), file, StringComparison.OrdinalIgnoreCase));
            if (path is null)
            {
                continue;
            }

            using Stream raw = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
            using var reader = new StreamReader(stream, Utf8);
            var csv = new CsvRecords(reader);
            var header = csv.Next() ?? [];
            int idColumn = Array.FindIndex(header, h => idColumns.Any(c => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)));
            int text = Array.FindIndex(header, h => string.Equals(h, textColumn, StringComparison.OrdinalIgnoreCase));
            if (idColumn < 0 || text < 0)
            {
                throw new GalenInputException($"lacks the columns {string.Join(" or ", idColumns)} and {textColumn}.", new SourceLocation(path, 1), "Write the note id and text columns named in docs/data-formats.md.");
            }

            while (csv.Next() is { } record)
            {
                if (record.Length > Math.Max(idColumn, text) && wanted.Contains(record[idColumn]))
                {
                    texts[record[idColumn]] = record[text];
                }
            }
        }

        return texts;
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        JsonValue value when value.TryGetValue<long>(out var l) => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => node.ToJsonString(),
    };

    private static int Number(JsonNode? node, string path, long line, string field) =>
        node is JsonValue value && value.TryGetValue<int>(out var n)
            ? n
            : throw new GalenInputException("is not a whole number.", new SourceLocation(path, line, field), "Offsets and lengths are integers.");
}
