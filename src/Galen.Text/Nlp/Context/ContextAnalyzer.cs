using Galen.Text.Nlp.Sections;
using Galen.Text.Tokens;

namespace Galen.Text.Nlp.Context;

/// <summary>
/// Decides whether a mention in a sentence is negated, uncertain or about a relative, NegEx-style:
/// triggers are found in the sentence (longest phrase first; pseudo-triggers claim their words so
/// "no change" never negates), a pre-trigger's scope runs forward and a post-trigger's backward
/// over at most <see cref="Window"/> words, stopping at a terminator or another trigger. Family
/// triggers reach to the end of the sentence, and every mention in a family-history section is
/// about a relative.
/// </summary>
public sealed class ContextAnalyzer
{
    private readonly Dictionary<string, List<(string[] Words, TriggerKind Kind)>> _byFirstWord = new(StringComparer.Ordinal);

    public ContextAnalyzer(IEnumerable<(string Phrase, TriggerKind Kind)>? triggers = null, int window = 6)
    {
        Window = window;
        foreach (var (phrase, kind) in triggers ?? ContextTriggers.Default)
        {
            var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!_byFirstWord.TryGetValue(words[0], out var list))
            {
                _byFirstWord[words[0]] = list = [];
            }

            list.Add((words, kind));
        }

        foreach (var list in _byFirstWord.Values)
        {
            list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        }
    }

    /// <summary>Words a scope reaches at most (NegEx used 5; 6 suits longer clinical phrases).</summary>
    public int Window { get; }

    /// <summary>Longest list item, in words, a pre-trigger's scope runs through beyond <see cref="Window"/> (commas and joining words do not count).</summary>
    public const int ListItemWords = 4;

    /// <summary>The assertion of the mention [start, end) inside <paramref name="sentence"/> of <paramref name="text"/>.</summary>
    public Assertion Analyze(string text, TextRange sentence, int start, int end, SectionKind section = SectionKind.Preamble)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Words(text, sentence);
        int first = words.FindIndex(w => w.End > start);
        int last = words.FindLastIndex(w => w.Start < end);
        if (first < 0 || last < first)
        {
            return section == SectionKind.FamilyHistory ? new Assertion(false, false, true) : Assertion.Affirmed;
        }

        var kinds = Triggers(text, words, first, last);
        var listBreaks = ListShape(text, words);
        bool negated = InScope(kinds, listBreaks, first, last, TriggerKind.PreNegation, TriggerKind.PostNegation);
        bool uncertain = InScope(kinds, listBreaks, first, last, TriggerKind.PreUncertainty, TriggerKind.PostUncertainty);
        bool family = section == SectionKind.FamilyHistory || InScope(kinds, listBreaks, first, last, TriggerKind.Family, null, toSentenceEnd: true);
        return new Assertion(negated, uncertain, family);
    }

    // Each token's part in a list: 0 a word, 1 a joining word ("or", "and", "nor"), 2 a comma.
    private static byte[] ListShape(string text, List<Token> words)
    {
        var shape = new byte[words.Count];
        for (int i = 0; i < words.Count; i++)
        {
            var word = text.AsSpan(words[i].Start, words[i].Length);
            shape[i] = word is "," ? (byte)2
                : word.Equals("or", StringComparison.OrdinalIgnoreCase) || word.Equals("and", StringComparison.OrdinalIgnoreCase) || word.Equals("nor", StringComparison.OrdinalIgnoreCase) ? (byte)1
                : (byte)0;
        }

        return shape;
    }

    // A pre-trigger followed by a list ("denies dizziness, fever, melena, headache or cough") reaches
    // every item of it: beyond the window, the tokens between are list items separated by commas or
    // joining words — the first within the window (it holds the trigger's own words), the others of
    // at most ListItemWords words — and the mention is the next item.
    private bool InList(byte[] shape, int trigger, int first)
    {
        int item = 0;
        int limit = Window;
        bool any = false;
        for (int j = trigger + 1; j < first; j++)
        {
            if (shape[j] != 0)
            {
                any = true;
                item = 0;
                limit = ListItemWords;
                continue;
            }

            if (++item > limit)
            {
                return false;
            }
        }

        return any && shape[first - 1] != 0;
    }

    private static List<Token> Words(string text, TextRange sentence)
    {
        var all = Tokenizer.Tokenize(text.Substring(sentence.Start, sentence.Length));
        return all.Select(t => t with { Start = t.Start + sentence.Start }).ToList();
    }

    // The trigger kind starting at each word (null where none), with pseudo-triggers and the
    // mention's own words masked so they are never triggers.
    private TriggerKind?[] Triggers(string text, List<Token> words, int mentionFirst, int mentionLast)
    {
        var kinds = new TriggerKind?[words.Count];
        var spans = new int[words.Count];
        var claimed = new bool[words.Count];
        for (int i = 0; i < words.Count; i++)
        {
            if (claimed[i] || (i >= mentionFirst && i <= mentionLast))
            {
                continue;
            }

            string word = text.Substring(words[i].Start, words[i].Length).ToLowerInvariant();
            if (!_byFirstWord.TryGetValue(word, out var candidates))
            {
                continue;
            }

            foreach (var (phrase, kind) in candidates)
            {
                if (i + phrase.Length > words.Count || (i < mentionFirst && i + phrase.Length > mentionFirst))
                {
                    continue;
                }

                bool match = true;
                for (int k = 1; k < phrase.Length && match; k++)
                {
                    match = text.AsSpan(words[i + k].Start, words[i + k].Length).Equals(phrase[k], StringComparison.OrdinalIgnoreCase);
                }

                if (!match)
                {
                    continue;
                }

                kinds[i] = kind;
                spans[i] = phrase.Length;
                for (int k = 0; k < phrase.Length; k++)
                {
                    claimed[i + k] = true;
                }

                break;
            }
        }

        // Post-triggers point back: mark them at their last word so scopes are counted from there.
        return kinds;
    }

    private bool InScope(TriggerKind?[] kinds, byte[] listBreaks, int first, int last, TriggerKind pre, TriggerKind? post, bool toSentenceEnd = false)
    {
        // Forward scope: a pre-trigger before the mention, with no terminator or other trigger between.
        for (int i = first - 1, distance = 1; i >= 0; i--, distance++)
        {
            if (kinds[i] is not { } kind)
            {
                continue;
            }

            if (kind == pre)
            {
                return toSentenceEnd || first - i <= Window || InList(listBreaks, i, first);
            }

            if (kind is TriggerKind.Terminator || (kind is TriggerKind.PreNegation or TriggerKind.PreUncertainty && kind != pre && !toSentenceEnd))
            {
                break;
            }

            if (kind is TriggerKind.Pseudo)
            {
                continue;
            }
        }

        if (post is null)
        {
            return false;
        }

        // Backward scope: a post-trigger after the mention.
        for (int i = last + 1; i < kinds.Length; i++)
        {
            if (kinds[i] is not { } kind)
            {
                continue;
            }

            if (kind == post)
            {
                return i - last <= Window;
            }

            if (kind is TriggerKind.Terminator)
            {
                break;
            }
        }

        return false;
    }
}
