using Galen.Core.Privacy;
using Galen.Text.Deid.Lexicons;
using Galen.Text.Tokens;

namespace Galen.Text.Deid.Detection;

/// <summary>
/// The dictionary layer: capitalised words found in the name lists (runs of them, with initials
/// and hyphens, make one name), known cities (up to three words) and state names. A name's role
/// (patient, relative, clinician) comes from the cue words before it on the same line.
/// </summary>
public sealed class DictionaryDetector(PhiLexicon lexicon) : IPhiDetector
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _cities =
        new HashSet<string>(lexicon.Cities, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    [ThreadStatic]
    private static List<Token>? t_tokens;

    public DictionaryDetector()
        : this(PhiLexicon.Default)
    {
    }

    public void Detect(string text, List<PhiFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        var tokens = t_tokens ??= new List<Token>(1024);
        tokens.Clear();
        Tokenizer.Tokenize(text, tokens);
        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var word = token.In(text);
            if (!char.IsUpper(word[0]))
            {
                continue;
            }

            int cityEnd = CityEnd(text, tokens, i);
            if (cityEnd > i)
            {
                findings.Add(new PhiFinding(token.Start, tokens[cityEnd - 1].End - token.Start, PhiType.City, DetectionLayer.Dictionary));
                i = cityEnd - 1;
                continue;
            }

            if (IsDictionaryName(word) && !TextWalk.IsEponym(text, token.End))
            {
                int last = i;
                while (last + 1 < tokens.Count)
                {
                    var next = tokens[last + 1];
                    var nextWord = next.In(text);
                    bool adjacent = next.Start - tokens[last].End <= 1 && !text.AsSpan(tokens[last].End, next.Start - tokens[last].End).Contains('\n');
                    if (adjacent && char.IsUpper(nextWord[0]) && (IsDictionaryName(nextWord) || (nextWord.Length == 1)))
                    {
                        last++;
                    }
                    else if (nextWord is "-" && last + 2 < tokens.Count && tokens[last + 2].Start == next.End && IsDictionaryName(tokens[last + 2].In(text)))
                    {
                        last += 2;
                    }
                    else
                    {
                        break;
                    }
                }

                // An initial before the run ("J. Smith") belongs to it.
                int first = i;
                if (i >= 2 && text[tokens[i - 1].Start] == '.' && tokens[i - 2].Length == 1 && char.IsUpper(text[tokens[i - 2].Start]))
                {
                    first = i - 2;
                }

                int start = tokens[first].Start;
                int end = tokens[last].End;
                findings.Add(new PhiFinding(start, end - start, NameRoles.Classify(text, start, end), DetectionLayer.Dictionary));
                i = last;
                continue;
            }

            if (lexicon.IsStateWord(word) && WordShape.IsCapitalized(word))
            {
                int end = i + 1 < tokens.Count && lexicon.States.ContainsKey(text[token.Start..tokens[i + 1].End]) ? i + 1 : i;
                if (end > i || lexicon.States.ContainsKey(word.ToString()))
                {
                    findings.Add(new PhiFinding(token.Start, tokens[end].End - token.Start, PhiType.State, DetectionLayer.Dictionary));
                    i = end;
                }
            }
        }
    }

    private bool IsDictionaryName(ReadOnlySpan<char> word) =>
        word.Length > 1 && char.IsLetter(word[0]) && lexicon.IsName(word) && !lexicon.IsCommon(word) && !TextWalk.IsFunctionWord(word);

    // Longest known city of up to three words starting at token i; returns the token after it.
    private int CityEnd(string text, List<Token> tokens, int i)
    {
        for (int words = Math.Min(3, tokens.Count - i); words >= 1; words--)
        {
            int start = tokens[i].Start;
            int end = tokens[i + words - 1].End;
            if (end - start > 40)
            {
                continue;
            }

            var candidate = text.AsSpan(start, end - start);
            if (_cities.Contains(candidate) && (words > 1 || !lexicon.IsCommon(candidate)))
            {
                return i + words;
            }
        }

        return i;
    }
}
