using Galen.Text.Tokens;

namespace Galen.Text.Nlp.Concepts;

/// <summary>
/// Finds the lexicon's concepts in text by longest match over tokens (a trie of the lower-cased
/// tokens of every term and synonym). Short abbreviations (three letters or fewer, such as "MI",
/// "PE", "AF") match only when written in capitals, so "pe" in "type" or "af" in prose do not.
/// </summary>
public sealed class ConceptExtractor
{
    private readonly Node _root = new();

    public ConceptExtractor(IConceptLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        foreach (var entry in lexicon.Entries)
        {
            foreach (var form in entry.Synonyms.Prepend(entry.Term))
            {
                var tokens = Tokenizer.Tokenize(form);
                if (tokens.Count == 0)
                {
                    continue;
                }

                var node = _root;
                foreach (var token in tokens)
                {
                    string key = form.Substring(token.Start, token.Length).ToLowerInvariant();
                    if (!node.Children.TryGetValue(key, out var child))
                    {
                        node.Children[key] = child = new Node();
                    }

                    node = child;
                }

                bool abbreviation = form.Length <= 3 && form.All(char.IsLetter);
                node.Entry ??= entry;
                node.AbbreviationOnly = node.AbbreviationOnly is null ? abbreviation : node.AbbreviationOnly.Value && abbreviation;
            }
        }
    }

    /// <summary>Concept matches in text[range], longest first, not overlapping: (entry, range).</summary>
    public List<(ConceptEntry Entry, TextRange Range)> Find(string text, TextRange? range = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var within = range ?? new TextRange(0, text.Length);
        var tokens = Tokenizer.Tokenize(text.Substring(within.Start, within.Length));
        var found = new List<(ConceptEntry, TextRange)>();
        int i = 0;
        while (i < tokens.Count)
        {
            var node = _root;
            int bestEnd = -1;
            ConceptEntry? best = null;
            for (int j = i; j < tokens.Count; j++)
            {
                var token = tokens[j];
                var word = text.AsSpan(within.Start + token.Start, token.Length);
                if (!node.Lookup.TryGetValue(word, out var next))
                {
                    break;
                }

                node = next;
                if (node.Entry is not null && (node.AbbreviationOnly != true || WordShape.IsAllUpper(word)))
                {
                    best = node.Entry;
                    bestEnd = j;
                }
            }

            if (best is null)
            {
                i++;
                continue;
            }

            int start = within.Start + tokens[i].Start;
            int end = within.Start + tokens[bestEnd].End;
            found.Add((best, new TextRange(start, end - start)));
            i = bestEnd + 1;
        }

        return found;
    }

    private sealed class Node
    {
        public Node()
        {
            Lookup = Children.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public Dictionary<string, Node> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

        public ConceptEntry? Entry { get; set; }

        public bool? AbbreviationOnly { get; set; }
    }
}
