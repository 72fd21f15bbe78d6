using Galen.Text.Deid.Lexicons;
using Galen.Text.Tokens;

namespace Galen.Text.Deid.Detection;

/// <summary>
/// Extends an anchor (a title, a relation word, a credential, an organisation word) over the
/// neighbouring words that look like part of a name. The rules: capitalised, not a function word,
/// not a common word unless a title vouches for it; initials ("J.") and hyphenated parts count.
/// </summary>
internal static class TextWalk
{
    private static readonly HashSet<string> FunctionWords = new(
        ["the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "from", "is", "was", "are", "were", "be", "been",
         "has", "had", "have", "he", "she", "his", "her", "hers", "him", "they", "them", "their", "it", "its", "this", "that", "these", "those",
         "who", "whom", "which", "not", "no", "as", "but", "if", "then", "also", "we", "our", "i", "my", "me", "you", "your", "will", "would",
         "can", "could", "should", "may", "might", "did", "does", "do", "per", "via", "re", "s", "yes", "so", "than", "very", "all", "any",
         "md", "do", "rn", "np", "pa", "phd", "mrn", "dob", "pt", "patient", "today", "ok", "mr", "mrs", "ms", "dr", "miss", "mx", "prof", "sr", "jr",
         "at", "about", "after", "before", "since", "until", "into", "over", "under", "again", "re", "x",
         "facp", "facs", "facc", "mbbs", "dnp", "cnp", "aprn", "crna", "lpn", "pharmd", "msn", "bsn", "lcsw", "msw", "dpm", "dds", "rd", "cnm", "fnp", "anp", "acnp",
         "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Function = FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Words that belong inside organisation names even though they are common words.</summary>
    private static readonly HashSet<string> OrganizationWordSet = new(
        ["general", "memorial", "mercy", "community", "regional", "university", "saint", "st", "mount", "mt", "children's", "county", "city",
         "valley", "medical", "center", "health", "hospital", "clinic", "baptist", "methodist", "presbyterian", "lutheran", "catholic", "good",
         "samaritan", "sacred", "heart", "holy", "cross", "family", "women's", "veterans", "affairs", "va", "state", "national", "united",
         "north", "south", "east", "west", "new", "lake", "river", "park", "sisters", "shore", "lady", "our"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> OrganizationWords = OrganizationWordSet.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsFunctionWord(ReadOnlySpan<char> word) => Function.Contains(word);

    /// <summary>True when every word of <paramref name="span"/> is a common or function word (digits make it no longer so).</summary>
    public static bool OnlyCommonWords(ReadOnlySpan<char> span, PhiLexicon lexicon)
    {
        int i = 0;
        while (i < span.Length)
        {
            if (!char.IsLetterOrDigit(span[i]))
            {
                i++;
                continue;
            }

            int j = i;
            while (j < span.Length && char.IsLetterOrDigit(span[j]))
            {
                j++;
            }

            if (!IsCommonWord(span[i..j], lexicon))
            {
                return false;
            }

            i = j;
        }

        return true;
    }

    // Common words, also when OCR turned letters into look-alike digits ("fe1l", "0n").
    private static bool IsCommonWord(ReadOnlySpan<char> word, PhiLexicon lexicon)
    {
        if (lexicon.IsCommon(word) || Function.Contains(word))
        {
            return true;
        }

        if (!WordShape.HasDigit(word) || !word.ContainsAnyExcept("0123456789") || word.Length > 24)
        {
            return false;
        }

        Span<char> letters = stackalloc char[word.Length];
        for (int k = 0; k < word.Length; k++)
        {
            letters[k] = word[k] switch { '1' => 'l', '0' => 'o', '5' => 's', '3' => 'e', _ => word[k] };
        }

        return lexicon.IsCommon(letters) || Function.Contains(letters);
    }

    private static readonly HashSet<string> EponymHeads = new(
        ["disease", "syndrome", "sign", "signs", "palsy", "procedure", "catheter", "lymphoma", "respirations", "test", "maneuver", "manoeuvre",
         "reflex", "criteria", "score", "scale", "classification", "fracture", "operation", "tube", "triad", "phenomenon", "disorder", "ulcer",
         "node", "nodes", "law", "point", "position", "repair", "shunt", "stockings", "method", "line"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Eponym = EponymHeads.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// True when the word ending at <paramref name="wordEnd"/> is followed by an eponym's head noun
    /// ("Addison disease", "Babinski sign", "Swan-Ganz catheter"): a name used as a medical term.
    /// </summary>
    public static bool IsEponym(string text, int wordEnd)
    {
        int i = wordEnd;
        if (i + 1 < text.Length && (text[i] == '\'' || text[i] == '\u2019') && text[i + 1] is 's' or 'S')
        {
            i += 2;
        }

        // Skip the rest of a hyphenated eponym ("Swan-Ganz").
        while (i + 1 < text.Length && text[i] == '-' && char.IsLetter(text[i + 1]))
        {
            i = WordEnd(text, i + 1);
        }

        int next = SkipSpaces(text, i, allowNewline: false);
        if (next == i)
        {
            return false;
        }

        int end = WordEnd(text, next);
        return end > next && Eponym.Contains(text.AsSpan(next, end - next));
    }

    /// <summary>
    /// The name that starts at or after <paramref name="position"/> (after spaces), up to
    /// <paramref name="maxWords"/> words; an empty range when none. <paramref name="vouched"/>
    /// (after a title such as "Dr.") lets a common word or a lower-case dictionary name start it.
    /// </summary>
    public static (int Start, int End) NameAfter(string text, int position, PhiLexicon lexicon, int maxWords, bool vouched, bool crossLine = false, bool strongCue = false)
    {
        int i = SkipSpaces(text, position, allowNewline: crossLine);
        int start = i;
        int end = i;
        int words = 0;
        while (words < maxWords && i < text.Length)
        {
            int wordEnd = WordEnd(text, i);
            if (wordEnd == i)
            {
                break;
            }

            var word = text.AsSpan(i, wordEnd - i);
            bool initial = word.Length == 1 && char.IsUpper(word[0]);
            if (!initial && (!IsNameWord(word, lexicon, vouched && words == 0, strongCue) || IsEponym(text, wordEnd)))
            {
                break;
            }

            words++;
            end = wordEnd;
            if (initial && end < text.Length && text[end] == '.')
            {
                end++;
            }

            // Continue over one space, or a hyphen joining two name parts.
            int next = end;
            if (next < text.Length && text[next] == '-' && next + 1 < text.Length && char.IsUpper(text[next + 1]))
            {
                i = next + 1;
                continue;
            }

            if (next < text.Length && text[next] == ',' && words == 1)
            {
                // "Smith, John": a last name, a comma, then a dictionary first name.
                int after = SkipSpaces(text, next + 1, allowNewline: false);
                int afterEnd = WordEnd(text, after);
                if (afterEnd > after && (char.IsUpper(text[after]) || strongCue) && (lexicon.IsFirstName(text.AsSpan(after, afterEnd - after))
                    || (strongCue && IsNameWord(text.AsSpan(after, afterEnd - after), lexicon, vouched: false, strongCue: true))))
                {
                    i = after;
                    continue;
                }

                break;
            }

            int spaced = SkipSpaces(text, next, allowNewline: false);
            if (spaced == next || spaced - next > 2)
            {
                break;
            }

            i = spaced;
        }

        end = TrimPossessive(text, start, end);
        return words == 0 ? (start, start) : (start, end);
    }

    /// <summary>The name that ends at <paramref name="position"/> (before spaces), up to <paramref name="maxWords"/> words.</summary>
    public static (int Start, int End) NameBefore(string text, int position, PhiLexicon lexicon, int maxWords)
    {
        int end = SkipSpacesBack(text, position);
        int start = end;
        int i = end;
        int words = 0;
        while (words < maxWords && i > 0)
        {
            int wordStart = WordStart(text, i);
            if (wordStart == i)
            {
                // An initial with its full stop ("J.").
                if (text[i - 1] == '.' && i >= 2 && char.IsUpper(text[i - 2]) && (i == 2 || !char.IsLetter(text[i - 3])))
                {
                    wordStart = i - 2;
                }
                else
                {
                    break;
                }
            }

            var word = text.AsSpan(wordStart, i - wordStart).TrimEnd('.');
            bool initial = word.Length == 1 && char.IsUpper(word[0]);
            if (!initial && !IsNameWord(word, lexicon, vouched: false, strongCue: false))
            {
                break;
            }

            words++;
            start = wordStart;
            int previous = SkipSpacesBack(text, wordStart);
            if (previous == wordStart || wordStart - previous > 2 || text.AsSpan(previous, wordStart - previous).Contains('\n'))
            {
                break;
            }

            i = previous;
        }

        return words == 0 ? (end, end) : (start, end);
    }

    /// <summary>
    /// The organisation name that ends at <paramref name="anchorStart"/>: capitalised words before
    /// it (common words only when they are organisation words), joined by "of", "and" or "&amp;".
    /// </summary>
    public static int OrganizationStart(string text, int anchorStart, PhiLexicon lexicon, int maxWords)
    {
        int start = anchorStart;
        int i = SkipSpacesBack(text, anchorStart);
        // Hard-wrapped text may break a name before its anchor ("Legionowo\nKidney Center"): one line break is allowed.
        if ((i == anchorStart && anchorStart > 0 && text[anchorStart - 1] != '-') || text.AsSpan(i, anchorStart - i).Count('\n') > 1)
        {
            return anchorStart;
        }

        bool lowerCase = char.IsLower(text[anchorStart]);
        bool distinctive = false;
        int words = 0;
        while (words < maxWords && i > 0)
        {
            if (text[i - 1] == '&')
            {
                i = SkipSpacesBack(text, i - 1);
                continue;
            }

            int wordStart = WordStart(text, i);
            if (wordStart == i)
            {
                break;
            }

            var word = text.AsSpan(wordStart, i - wordStart);
            bool connector = word.Equals("of", StringComparison.OrdinalIgnoreCase) || word.Equals("and", StringComparison.OrdinalIgnoreCase);

            if (connector)
            {
                // Only inside a name: the word before the connector must itself be capitalised.
                int before = SkipSpacesBack(text, wordStart);
                int beforeStart = WordStart(text, before);
                if (beforeStart == before || (!lowerCase && !WordShape.IsCapitalized(text.AsSpan(beforeStart, before - beforeStart))))
                {
                    break;
                }

                i = before;
                continue;
            }

            bool lowerCaseName = lowerCase && !lexicon.IsCommon(word);
            if ((!WordShape.IsCapitalized(word) && !lowerCaseName && !(lowerCase && OrganizationWords.Contains(word))) || Function.Contains(word)
                || (lexicon.IsCommon(word) && !OrganizationWords.Contains(word)))
            {
                break;
            }

            start = wordStart;
            words++;
            distinctive |= !OrganizationWords.Contains(word);
            int previous = SkipSpacesBack(text, wordStart);
            if (previous == wordStart || wordStart - previous > 2 || text.AsSpan(previous, wordStart - previous).Contains('\n'))
            {
                if (wordStart > 0 && text[wordStart - 1] == '-' && wordStart >= 2 && char.IsLetter(text[wordStart - 2]))
                {
                    i = wordStart - 1;
                    continue;
                }

                break;
            }

            i = previous;
        }

        // Lower-case text: "community hospital" is no name; "schoch regional medical center" is.
        return lowerCase && !distinctive ? anchorStart : start;
    }

    /// <summary>Where "of Saint X" or "of the X" after an anchor ends, or <paramref name="anchorEnd"/>.</summary>
    public static int OrganizationEnd(string text, int anchorEnd, PhiLexicon lexicon)
    {
        // "Ojala Orthopaedic\nInstitute": another organisation word right after extends the name.
        while (true)
        {
            int next = SkipSpaces(text, anchorEnd, allowNewline: true);
            if (next == anchorEnd || next >= text.Length || next - anchorEnd > 3)
            {
                break;
            }

            var more = PhiPatterns.OrganizationAnchorAt().Match(text, next);
            if (!more.Success)
            {
                break;
            }

            anchorEnd = more.Index + more.Length;
        }

        int i = SkipSpaces(text, anchorEnd, allowNewline: false);
        int wordEnd = WordEnd(text, i);
        if (wordEnd == i || !text.AsSpan(i, wordEnd - i).Equals("of", StringComparison.OrdinalIgnoreCase))
        {
            return anchorEnd;
        }

        var (start, end) = NameAfter(text, wordEnd, lexicon, 3, vouched: true);
        return end > start ? end : anchorEnd;
    }

    /// <summary>End of the word (letters, digits, inner apostrophes) starting at <paramref name="i"/>.</summary>
    public static int WordEnd(string text, int i)
    {
        int j = i;
        while (j < text.Length)
        {
            char c = text[j];
            if (char.IsLetterOrDigit(c))
            {
                j++;
            }
            else if ((c == '\'' || c == '\u2019') && j > i && j + 1 < text.Length && char.IsLetter(text[j + 1]))
            {
                j++;
            }
            else
            {
                break;
            }
        }

        return j;
    }

    /// <summary>Start of the word that ends at <paramref name="i"/>.</summary>
    public static int WordStart(string text, int i)
    {
        int j = i;
        while (j > 0)
        {
            char c = text[j - 1];
            if (char.IsLetterOrDigit(c))
            {
                j--;
            }
            else if ((c == '\'' || c == '\u2019') && j < i && j >= 2 && char.IsLetter(text[j - 2]))
            {
                j--;
            }
            else
            {
                break;
            }
        }

        return j;
    }

    public static int SkipSpaces(string text, int i, bool allowNewline)
    {
        while (i < text.Length && (text[i] == ' ' || text[i] == '\t' || (allowNewline && (text[i] == '\n' || text[i] == '\r'))))
        {
            i++;
        }

        return i;
    }

    public static int SkipSpacesBack(string text, int i)
    {
        while (i > 0 && char.IsWhiteSpace(text[i - 1]))
        {
            i--;
        }

        return i;
    }

    private static bool IsNameWord(ReadOnlySpan<char> word, PhiLexicon lexicon, bool vouched, bool strongCue)
    {
        if (word.IsEmpty || !char.IsLetter(word[0]) || Function.Contains(word))
        {
            return false;
        }

        if (!char.IsUpper(word[0]))
        {
            // Lower-case text: right after a cue, any word that is not a common word.
            return (strongCue || vouched) && (lexicon.IsName(word) || !lexicon.IsCommon(StripPossessive(word)));
        }

        // A title vouches for a common word written as a name ("Dr. White"), not for "MR NUMBER".
        return (vouched && WordShape.IsTitleCase(word)) || !lexicon.IsCommon(StripPossessive(word)) || lexicon.IsName(StripPossessive(word));
    }

    private static ReadOnlySpan<char> StripPossessive(ReadOnlySpan<char> word) =>
        word.Length > 2 && (word.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || word.EndsWith("\u2019s", StringComparison.OrdinalIgnoreCase)) ? word[..^2] : word;

    private static int TrimPossessive(string text, int start, int end)
    {
        if (end - start > 2 && (text[end - 2] == '\'' || text[end - 2] == '\u2019') && (text[end - 1] == 's' || text[end - 1] == 'S'))
        {
            return end - 2;
        }

        return end;
    }
}
