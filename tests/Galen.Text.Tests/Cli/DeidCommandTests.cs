using System.Text;
using System.Text.Json.Nodes;
using Galen.Cli;
using Galen.Core.Privacy;
using Galen.Text.Corpus;
using Galen.Text.Corpus.Training;
using Spectre.Console.Testing;

namespace Galen.Text.Tests.Cli;

public sealed class DeidCommandTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "galen-deid-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var console = new TestConsole().Width(250);
        int code = await GalenApp.RunAsync(args, console);
        return (code, console.Output);
    }

    private (string Input, IReadOnlyList<AnnotatedNote> Notes) WriteNotes(int count)
    {
        string input = Path.Combine(_work, "in");
        var notes = new TrainingNoteGenerator(11).Generate(count / 2, notesPerPatient: 2);
        foreach (var note in notes)
        {
            string folder = Path.Combine(input, note.SubjectId!);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, note.NoteId + ".txt"), note.Text);
        }

        return (input, notes);
    }

    // Every PHI value of four characters or more, and every name word, of the notes.
    private static HashSet<string> KnownPhi(IEnumerable<AnnotatedNote> notes)
    {
        var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var note in notes)
        {
            foreach (var span in note.Spans)
            {
                string value = note.Text.Substring(span.Start, span.Length);
                if (span.Type is PhiType.PatientName or PhiType.RelativeName or PhiType.ClinicianName)
                {
                    foreach (var word in value.Split([' ', ',', '.', '-'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4))
                    {
                        values.Add(word);
                    }
                }
                else if (value.Length >= 6 && span.Type is not (PhiType.State or PhiType.Age or PhiType.Date or PhiType.Zip))
                {
                    values.Add(value);
                }
            }
        }

        return values;
    }

    [Fact]
    public async Task Bad_files_get_a_message_each_the_run_goes_on_and_the_manifest_lists_them()
    {
        var (input, notes) = WriteNotes(6);
        File.WriteAllBytes(Path.Combine(input, "latin1.txt"), Encoding.Latin1.GetBytes("Patient Jos\u00e9 Alvarez seen today."));
        File.WriteAllBytes(Path.Combine(input, "image.txt"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]);
        File.WriteAllBytes(Path.Combine(input, "empty.txt"), []);
        File.WriteAllText(Path.Combine(input, "oneline.txt"), new string('x', 300_000));
        string output = Path.Combine(_work, "out");

        var (code, console) = await Run("deid", input, "--out", output, "--operator", "tag", "--no-learned");

        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("latin1.txt is not valid UTF-8 text (first bad byte at offset 11)", console, StringComparison.Ordinal);
        Assert.Contains("image.txt looks binary (a NUL byte at offset 8)", console, StringComparison.Ordinal);
        Assert.Contains("empty.txt is empty", console, StringComparison.Ordinal);
        Assert.Contains("oneline.txt has a line longer than 100,000 characters (line 1", console, StringComparison.Ordinal);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "deid-manifest.json")))!;
        Assert.Equal(notes.Count, manifest["notes_written"]!.GetValue<long>());
        Assert.Equal(4, manifest["notes_failed"]!.GetValue<long>());
        Assert.Equal(4, manifest["failures"]!.AsArray().Count);
        Assert.Equal(notes.Count + 4, File.ReadAllLines(Path.Combine(output, "deid-notes.jsonl")).Length);
        foreach (var note in notes)
        {
            string written = File.ReadAllText(Path.Combine(output, note.SubjectId!, note.NoteId + ".txt"));
            Assert.Contains("[DATE]", written, StringComparison.Ordinal);
            Assert.Equal(note.Text.Length > 0, written.Length > 0);
        }
    }

    [Fact]
    public async Task Phi_never_reaches_the_console_the_manifest_or_the_de_identified_notes()
    {
        var (input, notes) = WriteNotes(20);
        File.WriteAllBytes(Path.Combine(input, "broken.txt"), [0x50, 0x61, 0xFF, 0xFE]);
        string output = Path.Combine(_work, "out");
        string keyFile = Path.Combine(_work, "deid.key");
        File.WriteAllText(keyFile, "a test key that is long enough\n");

        var (_, console) = await Run("deid", input, "--out", output, "--keys", Path.Combine(_work, "keys.bin"), "--key-file", keyFile, "--training-notes", "300", "--verbose");

        var phi = KnownPhi(notes);
        Assert.True(phi.Count > 100);
        string manifest = File.ReadAllText(Path.Combine(output, "deid-manifest.json")) + File.ReadAllText(Path.Combine(output, "deid-notes.jsonl"));
        foreach (var value in phi)
        {
            Assert.DoesNotContain(value, console, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(value, manifest, StringComparison.OrdinalIgnoreCase);
        }

        // Identifiers and full names must be gone from the notes themselves too.
        string everything = string.Join("\n", Directory.EnumerateFiles(output, "T*.txt", SearchOption.AllDirectories).Select(File.ReadAllText));
        foreach (var note in notes)
        {
            foreach (var span in note.Spans.Where(s => s.Type is PhiType.Mrn or PhiType.Ssn or PhiType.Email or PhiType.Phone or PhiType.PatientName && s.Length >= 8))
            {
                Assert.DoesNotContain(note.Text.Substring(span.Start, span.Length), everything, StringComparison.Ordinal);
            }
        }

        Assert.Contains("broken.txt is not valid UTF-8", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_store_makes_a_second_run_give_the_same_surrogates_and_a_wrong_key_stops_it()
    {
        var (input, _) = WriteNotes(4);
        string keys = Path.Combine(_work, "keys.bin");
        string keyFile = Path.Combine(_work, "deid.key");
        File.WriteAllText(keyFile, "another test key, long enough");
        var (first, _) = await Run("deid", input, "--out", Path.Combine(_work, "a"), "--keys", keys, "--key-file", keyFile, "--no-learned");
        var (second, _) = await Run("deid", input, "--out", Path.Combine(_work, "b"), "--keys", keys, "--key-file", keyFile, "--no-learned");
        Assert.Equal(GalenApp.Ok, first);
        Assert.Equal(GalenApp.Ok, second);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_work, "a"), "*.txt", SearchOption.AllDirectories))
        {
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(file.Replace(Path.Combine(_work, "a"), Path.Combine(_work, "b"), StringComparison.Ordinal)));
        }

        File.WriteAllText(keyFile, "a different key, also long enough");
        var (code, output) = await Run("deid", input, "--out", Path.Combine(_work, "c"), "--keys", keys, "--key-file", keyFile, "--no-learned");
        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("cannot be decrypted: the key is wrong or the file was changed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_scores_held_apart_notes_and_writes_the_report()
    {
        string report = Path.Combine(_work, "report.md");
        var (code, output) = await Run("deid", "--eval", "--eval-notes", "60", "--no-learned", "--report", report, "--write-eval-corpus", Path.Combine(_work, "corpus"));
        Assert.Equal(GalenApp.Ok, code);
        Assert.Contains("overall", output, StringComparison.Ordinal);
        string markdown = File.ReadAllText(report);
        Assert.Contains("| **overall** |", markdown, StringComparison.Ordinal);
        Assert.Contains("held-apart notes from Galen.Text.HeldOut", markdown, StringComparison.Ordinal);

        // The written corpus is readable as an annotated corpus and scores the same.
        string again = Path.Combine(_work, "again.md");
        var (code2, _) = await Run("deid", "--eval", Path.Combine(_work, "corpus"), "--no-learned", "--report", again);
        Assert.Equal(GalenApp.Ok, code2);
        Assert.Equal(markdown[markdown.IndexOf("| PHI type", StringComparison.Ordinal)..markdown.IndexOf("Targets", StringComparison.Ordinal)], File.ReadAllText(again)[File.ReadAllText(again).IndexOf("| PHI type", StringComparison.Ordinal)..File.ReadAllText(again).IndexOf("Targets", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task Missing_input_or_output_and_a_bad_operator_are_user_errors()
    {
        Assert.Equal(GalenApp.UserError, (await Run("deid", "--no-learned")).Code);
        var (code, output) = await Run("deid", _work, "--out", Path.Combine(_work, "..", "x-" + Guid.NewGuid().ToString("N")), "--operator", "scramble", "--no-learned");
        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("--operator must be redact, mask, tag or surrogate", output, StringComparison.Ordinal);
    }
}
