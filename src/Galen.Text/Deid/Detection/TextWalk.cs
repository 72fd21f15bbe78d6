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
         "md", "do", "rn", "np", "pa", "phd", "mrn", "dob", "pt", "pcp", "patient", "today", "ok", "mr", "mrs", "ms", "dr", "miss", "mx", "prof", "sr", "jr",
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
         "north", "south", "east", "west", "new", "lake", "river", "park", "sisters", "shore", "lady", "our",
         "port", "fort", "bay", "glen", "grand", "point", "falls", "harbor", "springs", "heights", "beach", "island", "ridge", "hill", "hills", "view",
         "behavioral", "behavioural", "mental", "psychiatric", "rehabilitation", "rehab", "surgical", "surgery", "orthopaedic", "orthopedic", "orthopaedics",
         "orthopedics", "cardiac", "cardiology", "cancer", "oncology", "kidney", "renal", "dialysis", "eye", "dental", "pediatric", "paediatric", "urgent",
         "care", "primary", "specialty", "physical", "therapy", "assisted", "living", "senior", "nursing", "home", "hospice", "imaging", "diagnostic",
         "diagnostics", "laboratory", "laboratories", "pharmacy", "skilled", "long", "term", "acute", "emergency", "heart", "vascular", "neurology",
         "neuroscience", "spine", "joint", "wound", "sleep", "pain", "women", "medicine", "services", "physicians", "associates"],
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
    /// After a <paramref name="strongCue"/> ("Patient:", "daughter") a name that is also a common
    /// word ("Grace", "Smith") counts; lower-case words count only on a line without capitals.
    /// </summary>
    public static (int Start, int End) NameAfter(string text, int position, PhiLexicon lexicon, int maxWords, bool vouched, bool crossLine = false, bool strongCue = false)
    {
        int i = SkipSpaces(text, position, allowNewline: crossLine);
        int start = i;
        int end = i;
        int words = 0;
        bool previousInitial = false;
        bool lowerLine = LineHasNoCapitals(text, position);
        while (words < maxWords && i < text.Length)
        {
            int wordEnd = WordEnd(text, i);
            if (wordEnd == i)
            {
                break;
            }

            var word = text.AsSpan(i, wordEnd - i);
            bool initial = word.Length == 1 && char.IsUpper(word[0]);
            var context = new NameContext(vouched && words == 0, strongCue, lowerLine, words > 0, previousInitial);
            // A word right before '#' is a label ("Lic# MD1234"), not a name.
            if (!initial && (!IsNameWord(word, lexicon, context) || IsEponym(text, wordEnd) || (wordEnd < text.Length && text[wordEnd] == '#')))
            {
                break;
            }

            words++;
            previousInitial = initial;
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
                // "Smith, John": a last name, a comma, then a first name.
                int after = SkipSpaces(text, next + 1, allowNewline: false);
                int afterEnd = WordEnd(text, after);
                if (afterEnd > after && (char.IsUpper(text[after]) || (strongCue && lowerLine)) && IsFirstNameAfterComma(text.AsSpan(after, afterEnd - after), lexicon, strongCue, lowerLine))
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

    private static bool IsFirstNameAfterComma(ReadOnlySpan<char> word, PhiLexicon lexicon, bool strongCue, bool lowerLine) =>
        !Function.Contains(word)
        && (lexicon.IsFirstName(word)
            || (lexicon.IsAmbiguousName(word) && IsCapitalizedName(word))
            || (strongCue && IsNameWord(word, lexicon, new NameContext(false, true, lowerLine, true, false))));

    /// <summary>True when the line around <paramref name="position"/> has letters and none of them is a capital (a lower-case note).</summary>
    public static bool LineHasNoCapitals(string text, int position)
    {
        int from = Math.Min(position, text.Length);
        while (from > 0 && text[from - 1] != '\n')
        {
            from--;
        }

        int to = Math.Min(position, text.Length);
        while (to < text.Length && text[to] != '\n')
        {
            to++;
        }

        var line = text.AsSpan(from, to - from);
        return !line.ContainsAnyInRange('A', 'Z') && line.ContainsAnyInRange('a', 'z');
    }

    /// <summary>
    /// The name that ends at <paramref name="position"/> (before spaces), up to <paramref name="maxWords"/>
    /// words: the name before a credential ("Ed Kemmer, MD", "Hand, Jean MD"). The credential vouches
    /// for names that are also common words.
    /// </summary>
    public static (int Start, int End) NameBefore(string text, int position, PhiLexicon lexicon, int maxWords)
    {
        int end = SkipSpacesBack(text, position);
        int start = end;
        int i = end;
        int words = 0;
        var context = new NameContext(Vouched: false, StrongCue: true, LowerLine: false, AfterNamePart: false, PreviousInitial: false);
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
            if (!initial && !IsNameWord(word, lexicon, context))
            {
                break;
            }

            words++;
            start = wordStart;
            int previous = SkipSpacesBack(text, wordStart);
            if (words == 1 && previous == wordStart && previous >= 2 && text[previous - 1] == ',' && !initial)
            {
                // "Hand, Jean MD": the last name before the comma belongs to it.
                int lastEnd = SkipSpacesBack(text, previous - 1);
                int lastStart = WordStart(text, lastEnd);
                var last = text.AsSpan(lastStart, lastEnd - lastStart);
                if (lastEnd > lastStart && previous - 1 - lastEnd <= 1 && IsNameWord(last, lexicon, context) && IsCapitalizedName(last))
                {
                    start = lastStart;
                }

                break;
            }

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
        bool crossedLine = text.AsSpan(i, anchorStart - i).Contains('\n');
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
            if (words == 0 && crossedLine && word.Length == 1)
            {
                // "Sex: M\nInsurance …": a one-letter value on the line before is no part of a name.
                break;
            }

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

    /// <summary>What vouches for a word being part of a name where it stands.</summary>
    /// <param name="Vouched">Right after a title ("Dr.", "Mrs.").</param>
    /// <param name="StrongCue">After a cue that introduces a name ("Patient:", "daughter", a credential after it).</param>
    /// <param name="LowerLine">The line has no capitals (a lower-case note): lower-case names can count.</param>
    /// <param name="AfterNamePart">The word before it is already part of the name.</param>
    /// <param name="PreviousInitial">The word before it is an initial ("W. Will").</param>
    internal readonly record struct NameContext(bool Vouched, bool StrongCue, bool LowerLine, bool AfterNamePart, bool PreviousInitial);

    private static bool IsNameWord(ReadOnlySpan<char> word, PhiLexicon lexicon, NameContext context)
    {
        if (word.IsEmpty || !char.IsLetter(word[0]))
        {
            return false;
        }

        var bare = StripPossessive(word);
        if (Function.Contains(word))
        {
            // "Mr. Will", "Darrin W. Will": a name that is also a function word, only where a title or an initial vouches.
            // "Ramona Will": in title case right after a name part (a verb would be in lower case there).
            return (context.Vouched || context.PreviousInitial || (context.AfterNamePart && WordShape.IsTitleCase(bare)))
                && IsCapitalizedName(bare) && lexicon.IsAmbiguousName(bare);
        }

        if (!char.IsUpper(word[0]))
        {
            // Lower-case text: right after a cue, any word that is not a common word.
            return (context.StrongCue || context.Vouched) && context.LowerLine && (lexicon.IsName(word) || !lexicon.IsCommon(bare));
        }

        // A title vouches for a common word written as a name ("Dr. White"), not for "MR NUMBER".
        if ((context.Vouched && WordShape.IsTitleCase(word)) || !lexicon.IsCommon(bare) || lexicon.IsName(bare))
        {
            return true;
        }

        // "Patient: Grace Weber", "daughter Sabrina Grant": names that are common words, where the context says name.
        return (context.StrongCue || context.AfterNamePart) && IsCapitalizedName(bare) && lexicon.IsAmbiguousName(bare);
    }

    /// <summary>Written as a name: "Smith" or "SMITH", not "smith" or "sMith".</summary>
    public static bool IsCapitalizedName(ReadOnlySpan<char> word) => WordShape.IsTitleCase(word) || (word.Length > 1 && WordShape.IsAllUpper(word));

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
