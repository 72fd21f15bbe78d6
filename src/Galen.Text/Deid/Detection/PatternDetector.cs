using System.Buffers;
using System.Text.RegularExpressions;
using Galen.Core.Privacy;
using Galen.Text.Deid.Lexicons;
using Galen.Text.Tokens;

namespace Galen.Text.Deid.Detection;

/// <summary>
/// The pattern layer: source-generated regular expressions for identifiers with a shape (dates,
/// phone numbers, e-mail, SSNs, URLs, IPs, VINs, addresses, ZIP codes), identifiers introduced by
/// a label ("MRN:", "Member ID", "DEA #"), ages over 89, and names and organisations found from a
/// cue (a title, a relation word, a credential, "Hospital") and extended by <see cref="TextWalk"/>.
/// </summary>
public sealed class PatternDetector(PhiLexicon lexicon) : IPhiDetector
{
    private static readonly HashSet<string> CredentialStates = new(["MD", "DO", "PA", "ME", "OR", "IN", "OK", "HI", "ID"], StringComparer.Ordinal);

    public PatternDetector()
        : this(PhiLexicon.Default)
    {
    }

    private static readonly SearchValues<string> UrlHints = SearchValues.Create(
        ["://", "www.", ".com", ".org", ".net", ".edu", ".gov", ".io", ".info", ".biz", ".us", ".health", ".co", ".care", ".clinic", ".med"],
        StringComparison.OrdinalIgnoreCase);

    [ThreadStatic]
    private static List<Token>? t_tokens;

    public void Detect(string text, List<PhiFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(findings);
        Simple(text, findings, PhiPatterns.Date(), PhiType.Date);
        Ages(text, findings);
        Phones(text, findings);
        if (text.Contains('@', StringComparison.Ordinal))
        {
            Simple(text, findings, PhiPatterns.Email(), PhiType.Email);
        }

        if (text.AsSpan().ContainsAny(UrlHints))
        {
            Urls(text, findings);
        }

        Simple(text, findings, PhiPatterns.IpAddress(), PhiType.IpAddress);
        Simple(text, findings, PhiPatterns.Ssn(), PhiType.Ssn);
        Simple(text, findings, PhiPatterns.Vin(), PhiType.VehicleIdentifier);
        Simple(text, findings, PhiPatterns.LongNumber(), PhiType.OtherIdentifier);
        Simple(text, findings, PhiPatterns.StreetAddress(), PhiType.StreetAddress);
        StatesAndZips(text, findings);
        // Label words, name cues, credentials and organisation words start at a word: try the
        // anchored expressions once per word instead of at every character.
        var tokens = t_tokens ??= new List<Token>(1024);
        tokens.Clear();
        Tokenizer.Tokenize(text, tokens);
        foreach (var token in tokens)
        {
            if (!char.IsLetter(text[token.Start]))
            {
                continue;
            }

            LabelledIdentifier(text, token.Start, findings);
            NameAfterCue(text, token.Start, findings);
            NameBeforeCredential(text, token.Start, findings);
            OrganizationAt(text, token.Start, findings);
        }

        SaintNames(text, findings);
    }

    private static void Simple(string text, List<PhiFinding> findings, Regex regex, PhiType type)
    {
        foreach (var match in regex.EnumerateMatches(text))
        {
            findings.Add(new PhiFinding(match.Index, match.Length, type, DetectionLayer.Pattern));
        }
    }

    private static void Ages(string text, List<PhiFinding> findings)
    {
        for (var match = PhiPatterns.Age().Match(text); match.Success; match = match.NextMatch())
        {
            var age = match.Groups["age"];
            var span = age.Success ? age : (Capture)match;
            findings.Add(new PhiFinding(span.Index, span.Length, PhiType.Age, DetectionLayer.Pattern));
        }
    }

    private static void Phones(string text, List<PhiFinding> findings)
    {
        foreach (var match in PhiPatterns.Phone().EnumerateMatches(text))
        {
            findings.Add(new PhiFinding(match.Index, match.Length, IsFax(text, match.Index) ? PhiType.Fax : PhiType.Phone, DetectionLayer.Pattern));
        }
    }

    // The nearest label word on the same line, within 30 characters before the number, decides.
    private static bool IsFax(string text, int index)
    {
        int from = index;
        int limit = Math.Max(0, index - 30);
        while (from > limit && text[from - 1] != '\n')
        {
            from--;
        }

        var window = text.AsSpan(from, index - from);
        bool fax = false;
        foreach (var label in PhiPatterns.PhoneLabel().EnumerateMatches(window))
        {
            var word = window.Slice(label.Index, label.Length);
            fax = word.StartsWith("f", StringComparison.OrdinalIgnoreCase) && !word.Equals("f", StringComparison.OrdinalIgnoreCase)
                || (word.Equals("f", StringComparison.OrdinalIgnoreCase) && label.Index + 1 < window.Length && window[label.Index + 1] is ':' or ')' or '.');
        }

        return fax;
    }

    private static void Urls(string text, List<PhiFinding> findings)
    {
        foreach (var match in PhiPatterns.Url().EnumerateMatches(text))
        {
            int length = match.Length;
            while (length > 0 && text[match.Index + length - 1] is '.' or ',' or ')' or ';' or ':')
            {
                length--;
            }

            // An e-mail's domain is part of the e-mail, not a URL.
            if (match.Index > 0 && text[match.Index - 1] == '@')
            {
                continue;
            }

            findings.Add(new PhiFinding(match.Index, length, PhiType.Url, DetectionLayer.Pattern));
        }
    }

    private static void LabelledIdentifier(string text, int at, List<PhiFinding> findings)
    {
        var match = PhiPatterns.LabelledIdentifier().Match(text, at);
        if (match.Success)
        {
            var id = match.Groups["id"];
            var type = match.Groups["vehicle"].Success ? PhiType.VehicleIdentifier
                : match.Groups["device"].Success ? PhiType.DeviceIdentifier
                : match.Groups["mrn"].Success ? PhiType.Mrn
                : match.Groups["plan"].Success ? PhiType.HealthPlanNumber
                : match.Groups["account"].Success ? PhiType.AccountNumber
                : match.Groups["license"].Success ? PhiType.LicenseNumber
                : match.Groups["ssn"].Success ? PhiType.Ssn
                : PhiType.OtherIdentifier;
            int length = id.Length;
            while (length > 0 && text[id.Index + length - 1] is '.' or '-' or '/' or ' ')
            {
                length--;
            }

            findings.Add(new PhiFinding(id.Index, length, type, DetectionLayer.Pattern));
        }
    }

    private void StatesAndZips(string text, List<PhiFinding> findings)
    {
        for (var match = PhiPatterns.StateZip().Match(text); match.Success; match = match.NextMatch())
        {
            var state = match.Groups["state"];
            var zip = match.Groups["zip"];
            int stateStart = state.Index;
            int stateLength = state.Length;
            int space = state.ValueSpan.LastIndexOf(' ');
            if (!IsState(state.ValueSpan) && space > 0 && IsState(state.ValueSpan[(space + 1)..]))
            {
                // "Weinfelden Florida 94871": the place, then the state.
                stateStart += space + 1;
                stateLength -= space + 1;
            }

            if (IsState(text.AsSpan(stateStart, stateLength)))
            {
                findings.Add(new PhiFinding(stateStart, stateLength, PhiType.State, DetectionLayer.Pattern));
                City(text, stateStart, findings);
            }

            findings.Add(new PhiFinding(zip.Index, zip.Length, PhiType.Zip, DetectionLayer.Pattern));
        }

        for (var match = PhiPatterns.CommaState().Match(text); match.Success; match = match.NextMatch())
        {
            var state = match.Groups["state"];
            if (!IsState(state.ValueSpan) || CredentialStates.Contains(state.Value))
            {
                continue;
            }

            int cityStart = City(text, match.Index + 1, findings);
            if (cityStart >= 0)
            {
                findings.Add(new PhiFinding(state.Index, state.Length, PhiType.State, DetectionLayer.Pattern));
            }
        }

        for (var match = PhiPatterns.LabelledZip().Match(text); match.Success; match = match.NextMatch())
        {
            var zip = match.Groups["zip"];
            findings.Add(new PhiFinding(zip.Index, zip.Length, PhiType.Zip, DetectionLayer.Pattern));
        }
    }

    private static readonly HashSet<string> LowerCaseNonStates = new(["in", "or", "me", "ok", "hi", "de", "la", "co", "id", "oh", "pa", "md"], StringComparer.Ordinal);

    private bool IsState(ReadOnlySpan<char> candidate)
    {
        if (candidate.Length == 2)
        {
            string abbreviation = candidate.ToString();
            return char.IsLower(candidate[0])
                ? !LowerCaseNonStates.Contains(abbreviation) && lexicon.StateAbbreviations.Contains(abbreviation.ToUpperInvariant())
                : lexicon.StateAbbreviations.Contains(abbreviation);
        }

        return lexicon.States.ContainsKey(candidate.ToString());
    }

    // The place name before ", ST": capitalised words back to a comma, line start, number or street suffix.
    private int City(string text, int stateStart, List<PhiFinding> findings)
    {
        int i = TextWalk.SkipSpacesBack(text, stateStart);
        if (i > 0 && text[i - 1] == ',')
        {
            i = TextWalk.SkipSpacesBack(text, i - 1);
        }

        int end = i;
        int start = i;
        for (int words = 0; words < 3 && i > 0; words++)
        {
            int wordStart = TextWalk.WordStart(text, i);
            if (wordStart == i)
            {
                break;
            }

            // Hyphenated place names ("Piwniczna-Zdrój").
            while (wordStart >= 2 && text[wordStart - 1] == '-' && char.IsLetter(text[wordStart - 2]))
            {
                wordStart = TextWalk.WordStart(text, wordStart - 1);
            }

            var word = text.AsSpan(wordStart, i - wordStart);
            bool lowerCaseName = char.IsLower(text[stateStart]) && !lexicon.IsCommon(word);
            if ((!WordShape.IsCapitalized(word) && !lowerCaseName) || WordShape.HasDigit(word) || (words > 0 && lexicon.IsStreetSuffix(word)) || TextWalk.IsFunctionWord(word))
            {
                break;
            }

            start = wordStart;
            int previous = TextWalk.SkipSpacesBack(text, wordStart);
            if (previous == wordStart || wordStart - previous > 1 || text[previous] == '\n' || (previous > 0 && text[previous - 1] == ','))
            {
                break;
            }

            i = previous;
        }

        if (end > start)
        {
            findings.Add(new PhiFinding(start, end - start, PhiType.City, DetectionLayer.Pattern));
            return start;
        }

        return -1;
    }

    private void OrganizationAt(string text, int at, List<PhiFinding> findings)
    {
        var match = PhiPatterns.OrganizationAnchorAt().Match(text, at);
        if (!match.Success)
        {
            return;
        }

        int start = TextWalk.OrganizationStart(text, match.Index, lexicon, 4);
        if (start == match.Index)
        {
            return;
        }

        int end = TextWalk.OrganizationEnd(text, match.Index + match.Length, lexicon);
        findings.Add(new PhiFinding(start, end - start, PhiType.Organization, DetectionLayer.Pattern));
    }

    private static void SaintNames(string text, List<PhiFinding> findings)
    {
        foreach (var match in PhiPatterns.SaintName().EnumerateMatches(text))
        {
            int end = match.Index + match.Length;
            // Carry on over a following anchor ("St. Mary's Medical Center").
            var rest = PhiPatterns.OrganizationAnchor().Match(text, end, Math.Min(text.Length - end, 40));
            if (rest.Success && text.AsSpan(end, rest.Index - end).Trim().Length <= 25 && !text.AsSpan(end, rest.Index - end).Contains('\n'))
            {
                end = rest.Index + rest.Length;
            }

            findings.Add(new PhiFinding(match.Index, end - match.Index, PhiType.Organization, DetectionLayer.Pattern));
        }
    }

    private void NameAfterCue(string text, int at, List<PhiFinding> findings)
    {
        var match = PhiPatterns.NameCueAt().Match(text, at);
        if (match.Success)
        {
            bool title = match.Groups["title"].Success;
            bool clinician = match.Groups["clinician"].Success;
            bool relative = match.Groups["relative"].Success;
            var cue = text.AsSpan(match.Index, Math.Min(match.Length, 6));
            var type = clinician ? PhiType.ClinicianName
                : relative ? PhiType.RelativeName
                : title && (cue.StartsWith("dr", StringComparison.OrdinalIgnoreCase) || cue.StartsWith("doc", StringComparison.OrdinalIgnoreCase)
                    || cue.StartsWith("prof", StringComparison.OrdinalIgnoreCase) || cue.StartsWith("nurse", StringComparison.OrdinalIgnoreCase))
                    ? PhiType.ClinicianName
                : title ? TitledRole(text, match.Index)
                : PhiType.PatientName;
            // A cue that ends a sentence ("… her father.") introduces nothing; only a colon reaches the next line.
            int after = match.Index + match.Length;
            var cueText = text.AsSpan(match.Index, match.Length).TrimEnd();
            if (!title && cueText.EndsWith('.'))
            {
                return;
            }

            var (start, end) = TextWalk.NameAfter(text, after, lexicon, 3, vouched: title, crossLine: cueText.EndsWith(':') || cueText.EndsWith(','), strongCue: true);
            if (end > start)
            {
                findings.Add(new PhiFinding(start, end - start, type, DetectionLayer.Pattern));
            }
        }
    }

    private void NameBeforeCredential(string text, int at, List<PhiFinding> findings)
    {
        if (!char.IsUpper(text[at]) || !PhiPatterns.Credential().Match(text, at).Success)
        {
            return;
        }

        int before = TextWalk.SkipSpacesBack(text, at);
        if (before > 0 && text[before - 1] == ',')
        {
            before--;
        }

        var (start, end) = TextWalk.NameBefore(text, before, lexicon, 4);
        if (end > start)
        {
            findings.Add(new PhiFinding(start, end - start, PhiType.ClinicianName, DetectionLayer.Pattern));
        }
    }

    // "Mr."/"Mrs." names the patient unless a relation word stands just before ("his wife, Mrs. Roe").
    private static PhiType TitledRole(string text, int cueStart)
    {
        int from = Math.Max(0, cueStart - 25);
        for (var cue = PhiPatterns.NameCue().Match(text, from, cueStart - from); cue.Success; cue = cue.NextMatch())
        {
            if (cue.Groups["relative"].Success)
            {
                return PhiType.RelativeName;
            }
        }

        return PhiType.PatientName;
    }
}
