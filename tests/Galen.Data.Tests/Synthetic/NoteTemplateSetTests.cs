using Galen.Core.Errors;
using Galen.Core.Privacy;
using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Notes;

namespace Galen.Data.Tests.Synthetic;

/// <summary>Note templates live in files; a different set can be swapped in (e.g. held apart for de-identification evaluation).</summary>
public sealed class NoteTemplateSetTests
{
    private static string StandardFolder()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !Directory.Exists(Path.Combine(folder, "src", "Galen.Data", "Synthetic", "Notes", "Templates", "standard")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        Assert.NotNull(folder);
        return Path.Combine(folder, "src", "Galen.Data", "Synthetic", "Notes", "Templates", "standard");
    }

    internal static string CopyStandard(TempFolder temp, Func<string, string>? editNotes = null, Func<string, string>? editPhrases = null)
    {
        Directory.CreateDirectory(temp.Path);
        string notes = File.ReadAllText(Path.Combine(StandardFolder(), "notes.txt"));
        string phrases = File.ReadAllText(Path.Combine(StandardFolder(), "phrases.txt"));
        File.WriteAllText(temp.Sub("notes.txt"), editNotes is null ? notes : editNotes(notes));
        File.WriteAllText(temp.Sub("phrases.txt"), editPhrases is null ? phrases : editPhrases(phrases));
        return temp.Path;
    }

    [Fact]
    public void The_built_in_set_equals_the_files_in_the_source_tree()
    {
        using var temp = new TempFolder();
        string folder = CopyStandard(temp);
        var (fromFiles, _, _) = CollectingWriter.Generate(15, seed: 8, templates: folder);
        var (builtIn, _, _) = CollectingWriter.Generate(15, seed: 8);
        Assert.Equal(builtIn.SelectMany(p => p.Admissions.SelectMany(a => a.Notes)).Select(n => n.Text), fromFiles.SelectMany(p => p.Admissions.SelectMany(a => a.Notes)).Select(n => n.Text));
    }

    [Fact]
    public void A_custom_set_from_a_folder_writes_the_notes()
    {
        using var temp = new TempFolder();
        string folder = CopyStandard(temp, notes =>
        {
            int first = notes.IndexOf("@@ admission", StringComparison.Ordinal);
            int discharge = notes.IndexOf("@@ discharge", StringComparison.Ordinal);
            return notes[..first] + "@@ admission\nHOLD-OUT NOTE for {patient.name}, seen {date:admit}.\n{hpi}\n\n" + notes[discharge..];
        });
        var (patients, _, _) = CollectingWriter.Generate(20, seed: 8, templates: folder);
        foreach (var note in patients.SelectMany(p => p.Admissions.SelectMany(a => a.Notes)).Where(n => n.Kind == "admission"))
        {
            Assert.StartsWith("HOLD-OUT NOTE for ", note.Text, StringComparison.Ordinal);
            Assert.Equal(PhiType.PatientName, note.Spans[0].Type);
            Assert.Equal("HOLD-OUT NOTE for ".Length, note.Spans[0].Start);
        }
    }

    [Fact]
    public void An_unknown_slot_is_reported_with_its_name_and_file()
    {
        using var temp = new TempFolder();
        string folder = CopyStandard(temp, notes => notes.Replace("{cc}", "{chief_complaint}", StringComparison.Ordinal));
        var error = Assert.Throws<GalenInputException>(() => NoteTemplateSet.Resolve(folder));
        Assert.Contains("chief_complaint", error.Message, StringComparison.Ordinal);
        Assert.Contains("notes.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_without_a_death_summary_or_with_a_broken_block_is_refused()
    {
        using var temp = new TempFolder();
        string folder = CopyStandard(temp, notes => notes.Replace("@@ death", "@@ obituary", StringComparison.Ordinal));
        Assert.Contains("@@ death", Assert.Throws<GalenInputException>(() => NoteTemplateSet.Resolve(folder)).Message, StringComparison.Ordinal);

        using var broken = new TempFolder();
        string brokenFolder = CopyStandard(broken, notes => notes.Replace("[/?]", string.Empty, StringComparison.Ordinal));
        var error = Assert.Throws<GalenInputException>(() => NoteTemplateSet.Resolve(brokenFolder));
        Assert.Matches(@"notes\.txt:\d+", error.Message);
    }

    [Fact]
    public void A_missing_folder_is_a_clear_error() =>
        Assert.Contains("neither 'standard' nor an existing folder", Assert.Throws<GalenInputException>(() => SyntheticHospital.Generate(
            new SyntheticHospitalOptions { Patients = 1, NoteTemplates = "/no/such/folder" }, new CollectingWriter())).Message, StringComparison.Ordinal);
}
