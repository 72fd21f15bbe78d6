using Galen.Core.Privacy;
using Galen.Text.Deid.Learning;
using Galen.Text.Tokens;
using Galen.Text.Deid.Lexicons;

namespace Galen.Text.Deid.Detection;

/// <summary>
/// The full detector: patterns, dictionaries and (when given) the learned classifier, combined
/// recall-first by <see cref="FindingResolver"/>.
/// </summary>
public sealed class LayeredPhiDetector : IPhiDetector
{
    private readonly IPhiDetector[] _layers;

    [ThreadStatic]
    private static List<PhiFinding>? t_raw;

    [ThreadStatic]
    private static List<Token>? t_tokens;

    private readonly PhiLexicon _lexicon;

    public LayeredPhiDetector(params IPhiDetector[] layers)
        : this(PhiLexicon.Default, layers)
    {
    }

    public LayeredPhiDetector(PhiLexicon lexicon, params IPhiDetector[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _lexicon = lexicon;
        _layers = layers;
    }

    /// <summary>The pattern and dictionary layers over the default lexicon, plus <paramref name="learned"/> when given.</summary>
    public static LayeredPhiDetector Create(LearnedPhiDetector? learned = null)
    {
        var lexicon = PhiLexicon.Default;
        return learned is null
            ? new LayeredPhiDetector(new PatternDetector(lexicon), new DictionaryDetector(lexicon))
            : new LayeredPhiDetector(new PatternDetector(lexicon), new DictionaryDetector(lexicon), learned);
    }

    /// <summary>Resolved, non-overlapping findings sorted by position.</summary>
    public List<PhiFinding> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = t_raw ??= new List<PhiFinding>(128);
        raw.Clear();
        foreach (var layer in _layers)
        {
            layer.Detect(text, raw);
        }

        bool mixedCase = IsMixedCase(text);
        raw.RemoveAll(f => (f.Layer != DetectionLayer.Pattern && IsMedicalTermOrTime(text, f))
            || (f.Layer == DetectionLayer.Learned && !FitsItsType(text, f, mixedCase))
            || (f.Type == PhiType.Date && (IsScore(text, f) || IsLabValue(text, f))));
        var resolved = FindingResolver.Resolve(text, raw);
        resolved.RemoveAll(f => f.Layer != DetectionLayer.Pattern && TextWalk.OnlyCommonWords(text.AsSpan(f.Start, f.Length), _lexicon));
        resolved = NameCompletion.Complete(text, resolved, _lexicon);
        return Propagate(text, resolved);
    }

    /// <summary>
    /// True when the note is written in mixed case (capitals start sentences and names), false for
    /// notes written all in lower case, where capitals say nothing.
    /// </summary>
    private static bool IsMixedCase(string text)
    {
        int upper = 0;
        int lower = 0;
        foreach (char c in text)
        {
            if (char.IsUpper(c))
            {
                upper++;
            }
            else if (char.IsLower(c))
            {
                lower++;
            }
        }

        return upper > 0 && upper * 200 >= lower;
    }

    /// <summary>
    /// A learned finding must look like what it claims to be: identifiers with a shape need their
    /// characters (an e-mail an '@', a URL a '.' or '/', a date a digit or a month, a phone seven
    /// digits), and in mixed-case text a name, place or organisation has a capitalised word.
    /// </summary>
    private static bool FitsItsType(string text, PhiFinding finding, bool mixedCase)
    {
        var span = text.AsSpan(finding.Start, finding.Length);
        int digits = 0;
        foreach (char c in span)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return finding.Type switch
        {
            PhiType.Email => span.Contains('@'),
            PhiType.Url => span.ContainsAny('.', '/'),
            PhiType.IpAddress => digits >= 4 && span.ContainsAny('.', ':'),
            PhiType.Phone or PhiType.Fax => digits >= 7,
            PhiType.Ssn => digits >= 5,
            PhiType.Zip => digits >= 3,
            PhiType.Age => digits >= 2,
            PhiType.Date => HasMonth(text, finding) || LooksLikeNumericDate(span),
            PhiType.Mrn or PhiType.HealthPlanNumber or PhiType.AccountNumber or PhiType.LicenseNumber or PhiType.VehicleIdentifier
                or PhiType.DeviceIdentifier or PhiType.OtherIdentifier => digits > 0,
            PhiType.PatientName or PhiType.RelativeName or PhiType.ClinicianName or PhiType.Organization or PhiType.City
                or PhiType.StreetAddress or PhiType.State => !mixedCase || HasCapitalizedWord(span),
            _ => true,
        };
    }

    // "3/4/21", "2021-03-04", "03.04", "2021", "4th": numbers that can be a day, a month and a year.
    private static bool LooksLikeNumericDate(ReadOnlySpan<char> span)
    {
        span = span.Trim().TrimEnd('.').TrimEnd(',');
        if (span.Length >= 3 && (span.EndsWith("st", StringComparison.OrdinalIgnoreCase) || span.EndsWith("nd", StringComparison.OrdinalIgnoreCase)
            || span.EndsWith("rd", StringComparison.OrdinalIgnoreCase) || span.EndsWith("th", StringComparison.OrdinalIgnoreCase)))
        {
            return int.TryParse(span[..^2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int day) && day is >= 1 and <= 31;
        }

        Span<Range> parts = stackalloc Range[4];
        int count = span.SplitAny(parts, "/-.");
        Span<int> numbers = stackalloc int[3];
        if (count is < 1 or > 3)
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            if (!int.TryParse(span[parts[i]], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        static bool Year(ReadOnlySpan<char> text, int value) => text.Length == 4 ? value is >= 1900 and <= 2099 : text.Length == 2;
        static bool DayMonth(int a, int b) => (a is >= 1 and <= 12 && b is >= 1 and <= 31) || (a is >= 1 and <= 31 && b is >= 1 and <= 12);
        return count switch
        {
            1 => span.Length == 4 && Year(span, numbers[0]),
            2 => DayMonth(numbers[0], numbers[1]) || (numbers[0] is >= 1 and <= 12 && span[parts[1]].Length == 4 && Year(span[parts[1]], numbers[1])),
            _ => (DayMonth(numbers[0], numbers[1]) && Year(span[parts[2]], numbers[2])) || (span[parts[0]].Length == 4 && Year(span[parts[0]], numbers[0]) && DayMonth(numbers[1], numbers[2])),
        };
    }

    private static bool HasMonth(string text, PhiFinding finding)
    {
        int i = finding.Start;
        while (i < finding.End)
        {
            int end = TextWalk.WordEnd(text, i);
            if (end > i && (CueWords.Of(text.AsSpan(i, end - i)) & CueKind.Month) != 0)
            {
                return true;
            }

            i = Math.Max(end, i + 1);
        }

        return false;
    }

    private static bool HasCapitalizedWord(ReadOnlySpan<char> span)
    {
        for (int i = 0; i < span.Length; i++)
        {
            if (char.IsUpper(span[i]) && (i == 0 || !char.IsLetterOrDigit(span[i - 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly HashSet<string> LabWords = new(
        ["bnp", "probnp", "nt-probnp", "troponin", "glucose", "plt", "platelets", "wbc", "ldh", "ck", "cpk", "ferritin", "dimer", "d-dimer", "lipase",
         "amylase", "alt", "ast", "alp", "tsh", "crp", "triglycerides", "cholesterol", "ldl", "hdl", "osm", "osmolality", "level", "count", "weight",
         "fibrinogen", "lactate", "urine", "output", "intake", "vitamin", "b12", "folate", "iu", "units"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Labs = LabWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>"BNP 1996", "LDH 2010": a four-digit number right after a laboratory name is a result, not a year.</summary>
    private static bool IsLabValue(string text, PhiFinding finding)
    {
        var span = text.AsSpan(finding.Start, finding.Length);
        if (span.Length != 4 || span.ContainsAnyExcept("0123456789"))
        {
            return false;
        }

        int end = finding.Start;
        while (end > 0 && text[end - 1] is ' ' or ':' or '=' or '\t')
        {
            end--;
        }

        int start = TextWalk.WordStart(text, end);
        while (start >= 2 && text[start - 1] == '-' && char.IsLetterOrDigit(text[start - 2]))
        {
            start = TextWalk.WordStart(text, start - 1);
        }

        return end > start && end - finding.Start > -3 && Labs.Contains(text.AsSpan(start, end - start));
    }

    private static readonly HashSet<string> ScoreWords = new(
        ["strength", "power", "motor", "hemiparesis", "paresis", "weakness", "weak", "grip", "flexion", "extension", "abduction", "adduction",
         "pain", "score", "scored", "rated", "rates", "scale", "reflexes", "dorsiflexion", "plantarflexion", "deltoid", "biceps", "triceps", "quadriceps"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Scores = ScoreWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// "Left hemiparesis 3/5", "pain 7/10": a muscle-strength grade or a pain score, not a date —
    /// n/5 or n/10 (n not above the scale) with a word of strength or pain within three words.
    /// </summary>
    private static bool IsScore(string text, PhiFinding finding)
    {
        var span = text.AsSpan(finding.Start, finding.Length);
        int slash = span.IndexOf('/');
        if (slash <= 0 || span.LastIndexOf('/') != slash || !int.TryParse(span[..slash], System.Globalization.CultureInfo.InvariantCulture, out int value)
            || !int.TryParse(span[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture, out int scale) || scale is not (5 or 10) || value > scale)
        {
            return false;
        }

        int i = finding.Start;
        for (int words = 0; words < 3 && i > 0; words++)
        {
            int end = i;
            while (end > 0 && !char.IsLetterOrDigit(text[end - 1]))
            {
                // Only within the sentence: "chest pain. Recent admission 10/10" is a date.
                if (text[end - 1] is '.' or ';' or '\n' or '!' or '?')
                {
                    return false;
                }

                end--;
            }

            int start = TextWalk.WordStart(text, end);
            if (start == end)
            {
                break;
            }

            if (Scores.Contains(text.AsSpan(start, end - start)))
            {
                return true;
            }

            i = start;
        }

        int j = finding.End;
        for (int words = 0; words < 2 && j < text.Length; words++)
        {
            int start = TextWalk.SkipSpaces(text, j, allowNewline: false);
            int end = TextWalk.WordEnd(text, start);
            if (end == start)
            {
                break;
            }

            if (Scores.Contains(text.AsSpan(start, end - start)))
            {
                return true;
            }

            j = end;
        }

        return false;
    }

    // A name used as a medical term ("Kernig sign") or a bare 3-4 digit time ("1440") from the weaker layers.
    private static bool IsMedicalTermOrTime(string text, PhiFinding finding)
    {
        if (finding.Type is PhiType.PatientName or PhiType.RelativeName or PhiType.ClinicianName or PhiType.Organization && TextWalk.IsEponym(text, finding.End))
        {
            return true;
        }

        var span = text.AsSpan(finding.Start, finding.Length);
        if (span.Length is 3 or 4 && !span.ContainsAnyExcept("0123456789"))
        {
            return true;
        }

        // "1/2 tablet": a dose, not a date.
        return finding.Type == PhiType.Date && span.Length <= 5 && span.Contains('/') && DoseFollows(text, finding.End);
    }

    private static bool DoseFollows(string text, int end)
    {
        int next = TextWalk.SkipSpaces(text, end, allowNewline: false);
        int wordEnd = TextWalk.WordEnd(text, next);
        var word = text.AsSpan(next, wordEnd - next);
        return word.StartsWith("tab", StringComparison.OrdinalIgnoreCase) || word.StartsWith("cap", StringComparison.OrdinalIgnoreCase)
            || word.Equals("of", StringComparison.OrdinalIgnoreCase) || word.StartsWith("dose", StringComparison.OrdinalIgnoreCase)
            || word.Equals("mg", StringComparison.OrdinalIgnoreCase) || word.StartsWith("pill", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Every other occurrence in the note of a word already found as a name or city is marked too:
    /// "Caller: Eduard Claeys … Eduard states pt fell" hides the second "Eduard" as well.
    /// </summary>
    private List<PhiFinding> Propagate(string text, List<PhiFinding> resolved)
    {
        Dictionary<string, PhiType>? words = null;
        Dictionary<string, PhiType>? exact = null;
        foreach (var finding in resolved)
        {
            if (finding.Type is not (PhiType.PatientName or PhiType.RelativeName or PhiType.ClinicianName or PhiType.City))
            {
                continue;
            }

            int i = finding.Start;
            while (i < finding.End)
            {
                int end = TextWalk.WordEnd(text, i);
                if (end == i)
                {
                    i++;
                    continue;
                }

                var word = text.AsSpan(i, end - i);
                if (word.Length >= 2 && !WordShape.HasDigit(word) && !TextWalk.IsFunctionWord(word))
                {
                    if (!_lexicon.IsCommon(word))
                    {
                        words ??= new Dictionary<string, PhiType>(StringComparer.OrdinalIgnoreCase);
                        words.TryAdd(word.ToString(), finding.Type);
                    }
                    else if (finding.Type != PhiType.City && _lexicon.IsAmbiguousName(word) && TextWalk.IsCapitalizedName(word))
                    {
                        // "Stracke, Ed … Ed is a 95-yo man": a name that is also a word, written the same way.
                        exact ??= new Dictionary<string, PhiType>(StringComparer.Ordinal);
                        exact.TryAdd(word.ToString(), finding.Type);
                    }
                }

                i = end;
            }
        }

        if (words is null && exact is null)
        {
            return resolved;
        }

        var lookup = (words ?? new Dictionary<string, PhiType>(StringComparer.OrdinalIgnoreCase)).GetAlternateLookup<ReadOnlySpan<char>>();
        var exactLookup = (exact ?? new Dictionary<string, PhiType>(StringComparer.Ordinal)).GetAlternateLookup<ReadOnlySpan<char>>();
        var raw = new List<PhiFinding>(resolved);
        int before = raw.Count;
        var tokens = t_tokens ??= new List<Token>(1024);
        tokens.Clear();
        Tokenizer.Tokenize(text, tokens);
        foreach (var token in tokens)
        {
            var word = token.In(text);
            if ((lookup.TryGetValue(word, out var type) || exactLookup.TryGetValue(word, out type)) && !Covered(resolved, token.Start) && !TextWalk.IsEponym(text, token.End))
            {
                raw.Add(new PhiFinding(token.Start, token.Length, type, DetectionLayer.Dictionary));
            }
        }

        return raw.Count == before ? resolved : FindingResolver.Resolve(text, raw);
    }

    private static bool Covered(List<PhiFinding> sorted, int position)
    {
        int lo = 0;
        int hi = sorted.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].End <= position)
            {
                lo = mid + 1;
            }
            else if (sorted[mid].Start > position)
            {
                hi = mid - 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    void IPhiDetector.Detect(string text, List<PhiFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        findings.AddRange(Detect(text));
    }
}
