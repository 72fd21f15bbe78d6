using Galen.Text.Tokens;

namespace Galen.Text.Nlp.Sentences;

/// <summary>
/// Splits clinical text into sentences. A sentence ends at '.', '!' or '?' followed by space and
/// a capital, digit or list marker — unless the word before is an abbreviation ("Dr.", "b.i.d.",
/// "e.g.") or an initial — at a ';' ending a list item, and at line breaks that close a line:
/// a blank line, a line ending in ':' or a following line that starts a list item or a header.
/// Other line breaks are hard wraps and do not end a sentence.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(
        ["dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st", "vs", "e.g", "i.e", "etc", "approx", "no", "pt", "pts", "dx", "hx", "sx", "tx", "rx", "fx",
         "b.i.d", "t.i.d", "q.i.d", "q.d", "p.o", "q.h.s", "a.m", "p.m", "yo", "y.o", "mg", "mcg", "ml", "cm", "mm", "kg", "lb", "lbs", "min", "hr", "hrs", "wk", "wks",
         "mo", "mos", "yr", "yrs", "sec", "fig", "ref", "dept", "univ", "inc", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The sentences of text[start..end), trimmed, never empty.</summary>
    public static List<TextRange> Split(string text, int start = 0, int? end = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        int stop = end ?? text.Length;
        var sentences = new List<TextRange>();
        int sentenceStart = start;
        for (int i = start; i < stop; i++)
        {
            char c = text[i];
            bool boundary = false;
            int cut = i + 1;
            if (c is '.' or '!' or '?' or ';')
            {
                boundary = IsSentenceEnd(text, i, stop);
            }
            else if (c == '\n')
            {
                boundary = IsLineEnd(text, i, stop);
                cut = i;
            }

            if (boundary)
            {
                Add(text, sentences, sentenceStart, cut);
                sentenceStart = i + 1;
            }
        }

        Add(text, sentences, sentenceStart, stop);
        return sentences;
    }

    private static bool IsSentenceEnd(string text, int i, int stop)
    {
        int next = i + 1;
        if (next < stop && text[next] is '.' or '!' or '?' or ')' or '"')
        {
            return false;
        }

        if (next < stop && !char.IsWhiteSpace(text[next]))
        {
            return false;
        }

        int after = next;
        while (after < stop && char.IsWhiteSpace(text[after]))
        {
            after++;
        }

        if (after >= stop)
        {
            return true;
        }

        char following = text[after];
        if (text[i] == ';')
        {
            return true;
        }

        if (!(char.IsUpper(following) || char.IsDigit(following) || following is '-' or '*' or '•' or '#' or '('))
        {
            return false;
        }

        if (text[i] != '.')
        {
            return true;
        }

        // The word before the full stop: an abbreviation or an initial does not end the sentence.
        int wordEnd = i;
        int wordStart = wordEnd;
        while (wordStart > 0 && (char.IsLetterOrDigit(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, wordEnd - wordStart);
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return false;
        }

        var lookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        return !lookup.Contains(word.TrimStart('.'));
    }

    private static bool IsLineEnd(string text, int newline, int stop)
    {
        int lineStart = newline;
        while (lineStart > 0 && text[lineStart - 1] != '\n')
        {
            lineStart--;
        }

        var line = text.AsSpan(lineStart, newline - lineStart).TrimEnd();
        if (line.IsEmpty || line[^1] is ':' or '.' or '!' or '?' or ';')
        {
            return true;
        }

        int next = newline + 1;
        while (next < stop && text[next] is ' ' or '\t' or '\r')
        {
            next++;
        }

        if (next >= stop || text[next] == '\n')
        {
            return true;
        }

        char first = text[next];
        if (first is '-' or '*' or '•' or '#')
        {
            return true;
        }

        // "1. item" / "2) item", or a header ("PLAN:", "Medications:").
        int j = next;
        while (j < stop && char.IsDigit(text[j]))
        {
            j++;
        }

        if (j > next && j < stop && text[j] is '.' or ')')
        {
            return true;
        }

        int lineEnd = text.IndexOf('\n', next);
        var nextLine = text.AsSpan(next, (lineEnd < 0 ? stop : Math.Min(lineEnd, stop)) - next);
        int colon = nextLine.IndexOf(':');
        if (colon > 0 && colon <= 40 && Sections.SectionSplitter.IsHeader(nextLine[..colon]))
        {
            return true;
        }

        // A short line (a header, a list entry without a marker) stands alone.
        return line.Length < 40 && WordShape.IsAllUpper(line);
    }

    private static void Add(string text, List<TextRange> sentences, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(new TextRange(start, end - start));
        }
    }
}
