using Galen.Core.Clinical;
using Galen.Core.Errors;
using Galen.Text.Deid.Lexicons;

namespace Galen.Text.Nlp.Concepts;

/// <summary>
/// A concept lexicon read from tab-separated lines: kind, preferred term, synonyms separated by
/// '|', codes as system:code separated by '|'. Galen's starter lexicon ships in the assembly.
/// </summary>
public sealed class ConceptLexicon(IReadOnlyList<ConceptEntry> entries) : IConceptLexicon
{
    public IReadOnlyList<ConceptEntry> Entries { get; } = entries;

    /// <summary>The lexicon shipped with Galen (about 40 diseases, 22 symptoms, 56 drugs).</summary>
    public static ConceptLexicon Default => LazyDefault.Value;

    private static readonly Lazy<ConceptLexicon> LazyDefault = new(() => Parse(EmbeddedLists.Lines("concepts.tsv"), "concepts.tsv"));

    /// <summary>Reads a lexicon file in the shipped format.</summary>
    public static ConceptLexicon Load(string path) => Parse(File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] != '#'), path);

    /// <summary>Parses lexicon lines; a bad line is an error naming the line and field.</summary>
    public static ConceptLexicon Parse(IEnumerable<string> lines, string source)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var entries = new List<ConceptEntry>();
        long number = 0;
        foreach (var line in lines)
        {
            number++;
            var fields = line.Split('\t');
            if (fields.Length < 4)
            {
                throw new GalenInputException($"has {fields.Length} fields; a concept line has 4 (kind, term, synonyms, codes).", new SourceLocation(source, number));
            }

            if (!Enum.TryParse<ConceptKind>(fields[0], ignoreCase: true, out var kind))
            {
                throw new GalenInputException("has an unknown concept kind.", new SourceLocation(source, number, "kind", fields[0]), "Use disease, symptom or drug.");
            }

            var codes = new List<ClinicalCode>();
            foreach (var code in fields[3].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int colon = code.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0 || colon == code.Length - 1)
                {
                    throw new GalenInputException("has a code that is not system:code.", new SourceLocation(source, number, "codes", code));
                }

                codes.Add(new ClinicalCode(code[..colon], code[(colon + 1)..]));
            }

            var synonyms = fields[2].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).ToArray();
            entries.Add(new ConceptEntry(kind, fields[1].Trim().ToLowerInvariant(), synonyms, codes));
        }

        return new ConceptLexicon(entries);
    }
}
