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

        raw.RemoveAll(f => f.Layer != DetectionLayer.Pattern && IsMedicalTermOrTime(text, f));
        var resolved = FindingResolver.Resolve(text, raw);
        resolved.RemoveAll(f => f.Layer != DetectionLayer.Pattern && TextWalk.OnlyCommonWords(text.AsSpan(f.Start, f.Length), _lexicon));
        return Propagate(text, resolved);
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
                if (word.Length >= 2 && !WordShape.HasDigit(word) && !_lexicon.IsCommon(word) && !TextWalk.IsFunctionWord(word))
                {
                    words ??= new Dictionary<string, PhiType>(StringComparer.OrdinalIgnoreCase);
                    words.TryAdd(word.ToString(), finding.Type);
                }

                i = end;
            }
        }

        if (words is null)
        {
            return resolved;
        }

        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        var raw = new List<PhiFinding>(resolved);
        int before = raw.Count;
        var tokens = t_tokens ??= new List<Token>(1024);
        tokens.Clear();
        Tokenizer.Tokenize(text, tokens);
        foreach (var token in tokens)
        {
            if (lookup.TryGetValue(token.In(text), out var type) && !Covered(resolved, token.Start))
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
