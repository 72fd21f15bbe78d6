using Galen.Core.Privacy;
using Galen.Text.Deid.Lexicons;
using Galen.Text.Tokens;

namespace Galen.Text.Deid.Detection;

/// <summary>
/// Completes person names the layers found only in part: a name word right next to a found name
/// belongs to it even when it is also a common word — "Sabrina [Grant]", "[Joy] Turner",
/// "[Green,] Ricardo", "Stracke[, Ed]", "Percy E. [Smith]", "[J.] Hand". Only words on the same
/// line, written the way the name is written (capitals or title case), and not already another
/// finding, are added; a name that is also a function word ("Will") only after an initial.
/// </summary>
internal static class NameCompletion
{
    private const int MaxWordsEachSide = 3;

    public static List<PhiFinding> Complete(string text, List<PhiFinding> sorted, PhiLexicon lexicon)
    {
        List<PhiFinding>? result = null;
        for (int n = 0; n < sorted.Count; n++)
        {
            var finding = (result ?? sorted)[n];
            if (finding.Type is not (PhiType.PatientName or PhiType.RelativeName or PhiType.ClinicianName))
            {
                continue;
            }

            int lowerBound = n > 0 ? (result ?? sorted)[n - 1].End : 0;
            int upperBound = n + 1 < sorted.Count ? sorted[n + 1].Start : text.Length;
            bool upper = WordShape.IsAllUpper(text.AsSpan(finding.Start, finding.Length)) && finding.Length > 1;
            int start = ExtendLeft(text, finding.Start, finding.End, lowerBound, upper, lexicon);
            int end = ExtendRight(text, start, finding.End, upperBound, upper, lexicon);
            if (start != finding.Start || end != finding.End)
            {
                result ??= new List<PhiFinding>(sorted);
                result[n] = finding with { Start = start, Length = end - start };
            }
        }

        return result ?? sorted;
    }

    private static int ExtendRight(string text, int start, int end, int bound, bool upper, PhiLexicon lexicon)
    {
        if (end < text.Length && text[end] == '.' && end < bound && IsInitialBefore(text, end))
        {
            // "Leroy J" found without the initial's full stop.
            end++;
        }

        for (int added = 0; added < MaxWordsEachSide; added++)
        {
            int i = end;
            bool comma = false;
            if (i < text.Length && text[i] == ',')
            {
                // "Stracke, Ed": a comma only after a single last name.
                if (text.AsSpan(start, end - start).ContainsAny(' ', ',') || added > 0)
                {
                    break;
                }

                comma = true;
                i++;
            }

            int wordStart = TextWalk.SkipSpaces(text, i, allowNewline: false);
            if (wordStart - i > (comma ? 2 : 1) || (!comma && wordStart == i))
            {
                break;
            }

            int wordEnd = TextWalk.WordEnd(text, wordStart);
            if (wordEnd == wordStart || wordEnd > bound)
            {
                break;
            }

            var word = text.AsSpan(wordStart, wordEnd - wordStart);
            bool initial = word.Length == 1 && char.IsUpper(word[0]);
            if (initial)
            {
                // An initial is part of the name only with a name after it ("Percy E. Smith") or as the last part ("Cheryl K.").
                int initialEnd = wordEnd < text.Length && text[wordEnd] == '.' ? wordEnd + 1 : wordEnd;
                if (comma || initialEnd > bound)
                {
                    break;
                }

                end = initialEnd;
                continue;
            }

            // A name that is also a function word after an initial ("W. Will"), after the comma of "Last, First",
            // or in title case after a name ("Ramona Will"; the verb would be in lower case).
            bool functionNameAllowed = IsInitialBefore(text, end) || comma || (!upper && WordShape.IsTitleCase(word));
            if (!IsNeighbourName(word, upper, functionNameAllowed, lexicon))
            {
                break;
            }

            end = wordEnd;
        }

        return end;
    }

    private static int ExtendLeft(string text, int start, int end, int bound, bool upper, PhiLexicon lexicon)
    {
        for (int added = 0; added < MaxWordsEachSide; added++)
        {
            int i = start;
            bool comma = false;
            int before = i;
            while (before > 0 && text[before - 1] == ' ' && i - before < 2)
            {
                before--;
            }

            if (before == i || before <= bound)
            {
                break;
            }

            if (text[before - 1] == ',')
            {
                // "Green, Ricardo": a last name and a comma before a first name.
                if (added > 0)
                {
                    break;
                }

                comma = true;
                before--;
            }

            int wordEnd = before;
            if (wordEnd > 0 && text[wordEnd - 1] == '.' && !comma)
            {
                // An initial with its full stop ("J. Hand").
                if (wordEnd >= 2 && char.IsUpper(text[wordEnd - 2]) && (wordEnd == 2 || !char.IsLetterOrDigit(text[wordEnd - 3])) && wordEnd - 2 >= bound)
                {
                    start = wordEnd - 2;
                    continue;
                }

                break;
            }

            int wordStart = TextWalk.WordStart(text, wordEnd);
            if (wordStart == wordEnd || wordStart < bound)
            {
                break;
            }

            var word = text.AsSpan(wordStart, wordEnd - wordStart);
            if (word.Length == 1 && char.IsUpper(word[0]) && !comma)
            {
                start = wordStart;
                continue;
            }

            // A name that is also a function word ("May Cummings", "WILL, SHANE") where nothing else can be meant:
            // in the "Last, First" form, before an initial, or first on its line.
            bool functionNameAllowed = comma || IsInitialAt(text, start) || AtLineStart(text, wordStart);
            if (!IsNeighbourName(word, upper, functionNameAllowed, lexicon) || TextWalk.IsEponym(text, end))
            {
                break;
            }

            start = wordStart;
            if (comma)
            {
                break;
            }
        }

        return start;
    }

    private static bool IsInitialAt(string text, int start) =>
        start < text.Length && char.IsUpper(text[start]) && (start + 1 == text.Length || !char.IsLetterOrDigit(text[start + 1]));

    private static bool AtLineStart(string text, int position)
    {
        int i = position;
        while (i > 0 && text[i - 1] is ' ' or '\t')
        {
            i--;
        }

        return i == 0 || text[i - 1] == '\n';
    }

    private static bool IsInitialBefore(string text, int end)
    {
        int i = end;
        if (i > 0 && text[i - 1] == '.')
        {
            i--;
        }

        return i >= 1 && char.IsUpper(text[i - 1]) && (i == 1 || !char.IsLetterOrDigit(text[i - 2]));
    }

    private static bool IsNeighbourName(ReadOnlySpan<char> word, bool upper, bool functionNameAllowed, PhiLexicon lexicon)
    {
        if (word.Length < 2 || !(upper ? WordShape.IsAllUpper(word) : WordShape.IsTitleCase(word)) || !lexicon.IsAnyName(word))
        {
            return false;
        }

        return !TextWalk.IsFunctionWord(word) || (functionNameAllowed && lexicon.IsAmbiguousName(word));
    }
}
