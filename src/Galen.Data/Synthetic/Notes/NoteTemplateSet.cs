using Galen.Core.Errors;

namespace Galen.Data.Synthetic.Notes;

/// <summary>
/// A set of note templates (<c>notes.txt</c>) and phrases and surface forms (<c>phrases.txt</c>).
/// Galen ships the set "standard" inside the assembly; its source lives in
/// src/Galen.Data/Synthetic/Notes/Templates/standard/. A folder holding the same two files is a
/// set too, so a de-identification evaluation can hold a different set apart.
/// </summary>
public sealed class NoteTemplateSet
{
    /// <summary>Name of the set built into Galen.</summary>
    public const string StandardName = "standard";

    /// <summary>Note kinds every set must provide.</summary>
    public static readonly IReadOnlyList<string> RequiredKinds = ["admission", "discharge", "death"];

    private static readonly Lazy<NoteTemplateSet> Builtin = new(() => Parse(StandardName, ReadResource("notes.txt"), ReadResource("phrases.txt")));

    private readonly Dictionary<string, List<TemplateText>> _notes;
    private readonly Dictionary<string, List<TemplateText>> _phrases;
    private readonly Dictionary<string, List<string>> _forms;

    private NoteTemplateSet(string name, Dictionary<string, List<TemplateText>> notes, Dictionary<string, List<TemplateText>> phrases, Dictionary<string, List<string>> forms)
    {
        Name = name;
        _notes = notes;
        _phrases = phrases;
        _forms = forms;
    }

    /// <summary>"standard" or the folder the set was loaded from.</summary>
    public string Name { get; }

    /// <summary>The set built into Galen.</summary>
    public static NoteTemplateSet Standard => Builtin.Value;

    /// <summary>"standard" (or null) for the built-in set; otherwise a folder with notes.txt and phrases.txt.</summary>
    public static NoteTemplateSet Resolve(string? nameOrDirectory)
    {
        if (string.IsNullOrEmpty(nameOrDirectory) || nameOrDirectory == StandardName)
        {
            return Standard;
        }

        if (!Directory.Exists(nameOrDirectory))
        {
            throw new GalenInputException($"Note template set '{nameOrDirectory}' is neither '{StandardName}' nor an existing folder.",
                new SourceLocation(nameOrDirectory), "Pass 'standard' or a folder holding notes.txt and phrases.txt (see docs/synthetic-hospital.md).");
        }

        string notes = Path.Combine(nameOrDirectory, "notes.txt");
        string phrases = Path.Combine(nameOrDirectory, "phrases.txt");
        foreach (var file in new[] { notes, phrases })
        {
            if (!File.Exists(file))
            {
                throw new GalenInputException("A note template set needs this file.", new SourceLocation(file), "Copy it from src/Galen.Data/Synthetic/Notes/Templates/standard/ and edit it.");
            }
        }

        return Parse(nameOrDirectory, (notes, File.ReadAllText(notes)), (phrases, File.ReadAllText(phrases)));
    }

    /// <summary>Variants of a note kind.</summary>
    internal IReadOnlyList<TemplateText> Notes(string kind) => _notes[kind];

    /// <summary>Alternatives of a phrase section; throws naming the section when the set lacks it.</summary>
    internal IReadOnlyList<TemplateText> Phrases(string section) =>
        _phrases.TryGetValue(section, out var list) ? list : throw new GalenInputException($"The note template set has no phrase section [{section}].", new SourceLocation(Name + "/phrases.txt"), "Add the section.");

    internal bool HasPhrases(string section) => _phrases.ContainsKey(section);

    /// <summary>Alternatives of a surface-form section (sections named *-form).</summary>
    internal IReadOnlyList<string> Forms(string section) =>
        _forms.TryGetValue(section, out var list) ? list : throw new GalenInputException($"The note template set has no surface-form section [{section}].", new SourceLocation(Name + "/phrases.txt"), "Add the section.");

    private static (string Source, string Text) ReadResource(string file)
    {
        var assembly = typeof(NoteTemplateSet).Assembly;
        string name = "Galen.Data.Synthetic.Notes.Templates.standard." + file;
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource {name} is missing from {assembly.GetName().Name}; the build did not embed the standard note templates.");
        using var reader = new StreamReader(stream);
        return ("standard/" + file, reader.ReadToEnd());
    }

    private static NoteTemplateSet Parse(string name, (string Source, string Text) notesFile, (string Source, string Text) phrasesFile)
    {
        var notes = new Dictionary<string, List<TemplateText>>(StringComparer.Ordinal);
        var lines = Normalise(notesFile.Text).Split('\n');
        string? kind = null;
        int start = 0;
        var body = new List<string>();
        void Close()
        {
            if (kind is null)
            {
                return;
            }

            while (body.Count > 0 && string.IsNullOrWhiteSpace(body[^1]))
            {
                body.RemoveAt(body.Count - 1);
            }

            if (!notes.TryGetValue(kind, out var variants))
            {
                notes[kind] = variants = [];
            }

            variants.Add(TemplateText.Parse(string.Join('\n', body), notesFile.Source, start));
            body.Clear();
        }

        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("@@ ", StringComparison.Ordinal))
            {
                Close();
                kind = line[3..].Trim();
                start = i + 2;
            }
            else if (kind is not null)
            {
                body.Add(line);
            }
        }

        Close();
        foreach (var required in RequiredKinds)
        {
            if (!notes.ContainsKey(required))
            {
                throw new GalenInputException($"The note template set has no '@@ {required}' template.", new SourceLocation(notesFile.Source), "Add at least one variant of every note kind.");
            }
        }

        var phrases = new Dictionary<string, List<TemplateText>>(StringComparer.Ordinal);
        var forms = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? section = null;
        var phraseLines = Normalise(phrasesFile.Text).Split('\n');
        for (int i = 0; i < phraseLines.Length; i++)
        {
            string line = phraseLines[i].TrimEnd();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']') && !line.StartsWith("[?", StringComparison.Ordinal))
            {
                section = line[1..^1];
                continue;
            }

            if (section is null)
            {
                throw new GalenInputException("A phrase appears before any [section] header.", new SourceLocation(phrasesFile.Source, i + 1));
            }

            // "\#" starts a line whose text begins with '#' (a line starting '#' is a comment).
            string text = (line.StartsWith("\\#", StringComparison.Ordinal) ? line[1..] : line).Replace("\\n", "\n", StringComparison.Ordinal);
            if (section.EndsWith("-form", StringComparison.Ordinal))
            {
                if (!forms.TryGetValue(section, out var list))
                {
                    forms[section] = list = [];
                }

                list.Add(text);
            }
            else
            {
                if (!phrases.TryGetValue(section, out var list))
                {
                    phrases[section] = list = [];
                }

                list.Add(TemplateText.Parse(text, phrasesFile.Source, i + 1));
            }
        }

        var set = new NoteTemplateSet(name, notes, phrases, forms);
        NoteComposer.Validate(set, notesFile.Source, phrasesFile.Source);
        return set;
    }

    internal IEnumerable<TemplateText> AllTemplates => _notes.Values.SelectMany(v => v).Concat(_phrases.Values.SelectMany(v => v));

    internal IEnumerable<string> PhraseSections => _phrases.Keys;

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
