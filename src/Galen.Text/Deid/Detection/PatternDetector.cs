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

        // Shapes that start with a digit: the expressions' own prefix search finds the few candidates.
        Simple(text, findings, PhiPatterns.DateNumeric(), PhiType.Date);
        Ages(text, findings);
        Phones(text, findings);
        Simple(text, findings, PhiPatterns.IpV4(), PhiType.IpAddress);
        Simple(text, findings, PhiPatterns.Ssn(), PhiType.Ssn);
        Simple(text, findings, PhiPatterns.StreetAddress(), PhiType.StreetAddress);
        if (text.Contains("::", StringComparison.Ordinal) || text.AsSpan().Count(':') >= 5)
        {
            Simple(text, findings, PhiPatterns.IpV6(), PhiType.IpAddress);
        }

        if (text.Contains("box", StringComparison.OrdinalIgnoreCase))
        {
            Simple(text, findings, PhiPatterns.PoBox(), PhiType.StreetAddress);
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            Emails(text, findings);
        }

        if (text.AsSpan().ContainsAny(UrlHints))
        {
            Urls(text, findings);
        }

        StatesAndZips(text, findings);
        SaintNames(text, findings);

        // Everything else starts at a word that can start it: one look-up per word decides which
        // anchored expressions to try there.
        var tokens = t_tokens ??= new List<Token>(1024);
        tokens.Clear();
        Tokenizer.Tokenize(text, tokens);
        for (int t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            char first = text[token.Start];
            if (char.IsAsciiDigit(first))
            {
                LongNumber(text, token, findings);
                if (token.Length == 17)
                {
                    Vin(text, token, findings);
                }

                if (token.Length == 5 && IsZipToken(text, token))
                {
                    StateBeforeZip(text, tokens, t, findings);
                }

                continue;
            }

            if (!char.IsLetter(first))
            {
                continue;
            }

            if (token.Length == 17)
            {
                Vin(text, token, findings);
            }

            if (char.IsUpper(first) && (WordShape.HasDigit(token.In(text))
                || (token.Length <= 4 && token.End + 1 < text.Length && text[token.End] == '-' && char.IsAsciiDigit(text[token.End + 1]))))
            {
                var code = PhiPatterns.LetterDigitCodeAt().Match(text, token.Start);
                if (code.Success)
                {
                    findings.Add(new PhiFinding(code.Index, code.Length, PhiType.OtherIdentifier, DetectionLayer.Pattern));
                }
            }

            var kind = CueWords.Of(token.In(text));
            if (kind == CueKind.None)
            {
                continue;
            }

            if ((kind & CueKind.Month) != 0)
            {
                var date = PhiPatterns.DateMonthAt().Match(text, token.Start);
                if (date.Success)
                {
                    findings.Add(new PhiFinding(date.Index, date.Length, PhiType.Date, DetectionLayer.Pattern));
                }
            }

            if ((kind & CueKind.AgeWord) != 0)
            {
                AgeWord(text, token.Start, findings);
            }

            if ((kind & CueKind.Label) != 0)
            {
                LabelledIdentifier(text, token.Start, findings);
            }

            if ((kind & CueKind.NameCue) != 0)
            {
                NameAfterCue(text, token.Start, findings);
            }

            if ((kind & CueKind.Credential) != 0)
            {
                NameBeforeCredential(text, token.Start, findings);
            }

            if ((kind & CueKind.OrganizationAnchor) != 0)
            {
                OrganizationAt(text, token.Start, findings);
            }

            if ((kind & CueKind.PlaceCue) != 0)
            {
                PlaceAfterCue(text, tokens, t, findings);
            }
        }
    }

    private static readonly HashSet<string> PlacePrepositions = new(["in", "to", "near", "outside", "from", "of"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Words that begin many place names and are common words on their own.</summary>
    private static readonly HashSet<string> PlacePrefixes = new(
        ["north", "south", "east", "west", "new", "lake", "port", "fort", "mount", "mt", "saint", "st", "san", "santa", "los", "las", "el", "la",
         "glen", "grand", "great", "upper", "lower", "little", "big", "bay", "palm", "cape", "point", "rock", "spring", "falls", "park"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// "Lives in South Ewell", "lives with her son Gabriel Russel in East Mandy", "resides in
    /// Zettaview, OK with her friend", "moved from Lake Orrin": a verb of living, then (within the
    /// sentence) a preposition, then the place, and a state after a comma.
    /// </summary>
    private void PlaceAfterCue(string text, List<Token> tokens, int cueToken, List<PhiFinding> findings)
    {
        bool residentOf = text.AsSpan(tokens[cueToken].Start, tokens[cueToken].Length).Equals("resident", StringComparison.OrdinalIgnoreCase)
            || text.AsSpan(tokens[cueToken].Start, tokens[cueToken].Length).Equals("native", StringComparison.OrdinalIgnoreCase);
        for (int t = cueToken + 1, words = 0; t < tokens.Count && words < 10; t++)
        {
            var token = tokens[t];
            char first = text[token.Start];
            if (first is '.' or ';' or '(' or '\n' or '!' or '?' || text.AsSpan(tokens[t - 1].End, token.Start - tokens[t - 1].End).Contains('\n'))
            {
                return;
            }

            if (!char.IsLetterOrDigit(first))
            {
                continue;
            }

            words++;
            var word = token.In(text);
            if (!PlacePrepositions.Contains(word.ToString()) || (residentOf && !word.Equals("of", StringComparison.OrdinalIgnoreCase)) || (!residentOf && words == 1 && word.Equals("of", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var (start, end) = PlaceAt(text, token.End);
            if (end > start)
            {
                var place = text.AsSpan(start, end - start);
                if (IsState(place) || lexicon.States.ContainsKey(place.ToString()))
                {
                    findings.Add(new PhiFinding(start, end - start, PhiType.State, DetectionLayer.Pattern));
                    return;
                }

                findings.Add(new PhiFinding(start, end - start, PhiType.City, DetectionLayer.Pattern));
                StateAfterPlace(text, end, findings);
                return;
            }
        }
    }

    // The place starting after position: up to three capitalised words, at least one of them not a common word (or a known city).
    private (int Start, int End) PlaceAt(string text, int position)
    {
        int i = TextWalk.SkipSpaces(text, position, allowNewline: false);
        if (i == position)
        {
            return (i, i);
        }

        int start = i;
        int end = i;
        bool distinctive = false;
        bool lowerLine = TextWalk.LineHasNoCapitals(text, position);
        for (int words = 0; words < 3 && i < text.Length; words++)
        {
            int wordEnd = TextWalk.WordEnd(text, i);
            while (wordEnd + 1 < text.Length && text[wordEnd] == '-' && char.IsLetter(text[wordEnd + 1]))
            {
                wordEnd = TextWalk.WordEnd(text, wordEnd + 1);
            }

            if (wordEnd == i)
            {
                break;
            }

            var word = text.AsSpan(i, wordEnd - i);
            bool written = TextWalk.IsCapitalizedName(word) || (word.Length == 2 && WordShape.IsAllUpper(word)) || (lowerLine && char.IsLower(word[0]));
            if (!written || WordShape.HasDigit(word) || TextWalk.IsFunctionWord(word) || (word.Length == 1))
            {
                break;
            }

            bool common = lexicon.IsCommon(word);
            bool afterPrefix = words == 1 && PlacePrefixes.Contains(text[start..TextWalk.WordEnd(text, start)]);
            if (common && !PlacePrefixes.Contains(word.ToString()) && !afterPrefix)
            {
                break;
            }

            distinctive |= !common;
            end = wordEnd;
            int next = TextWalk.SkipSpaces(text, wordEnd, allowNewline: false);
            if (next - wordEnd != 1)
            {
                break;
            }

            i = next;
        }

        // "West Pink", "New Reed": a place prefix and a capitalised word make a place name too.
        var candidate = text.AsSpan(start, end - start);
        bool prefixed = candidate.Contains(' ') && PlacePrefixes.Contains(text[start..TextWalk.WordEnd(text, start)]);
        return distinctive || prefixed || lexicon.Cities.Contains(candidate.ToString()) ? (start, end) : (start, start);
    }

    // ", OK", ", Maine" right after a place a cue introduced: any state abbreviation counts here.
    private void StateAfterPlace(string text, int placeEnd, List<PhiFinding> findings)
    {
        if (placeEnd >= text.Length || text[placeEnd] != ',')
        {
            return;
        }

        int start = TextWalk.SkipSpaces(text, placeEnd + 1, allowNewline: false);
        int end = TextWalk.WordEnd(text, start);
        if (end == start)
        {
            return;
        }

        var state = text.AsSpan(start, end - start);
        if (state.Length == 2 ? WordShape.IsAllUpper(state) && lexicon.StateAbbreviations.Contains(state.ToString()) : lexicon.States.ContainsKey(state.ToString()) && WordShape.IsCapitalized(state))
        {
            findings.Add(new PhiFinding(start, end - start, PhiType.State, DetectionLayer.Pattern));
        }
        else if (end + 1 < text.Length && text[end] == ' ' && WordShape.IsCapitalized(state))
        {
            // Two-word state names ("New York", "North Carolina").
            int secondEnd = TextWalk.WordEnd(text, end + 1);
            if (secondEnd > end + 1 && lexicon.States.ContainsKey(text[start..secondEnd]))
            {
                findings.Add(new PhiFinding(start, secondEnd - start, PhiType.State, DetectionLayer.Pattern));
            }
        }
    }

    private static void LongNumber(string text, Token token, List<PhiFinding> findings)
    {
        // Seven or more digits standing alone (not part of a decimal, date, phone or code).
        if (token.Length < 7 || token.In(text).ContainsAnyExcept("0123456789"))
        {
            return;
        }

        int before = token.Start - 1;
        int after = token.End;
        if ((before >= 0 && text[before] is '.' or ',' or '/' or '-' || (before >= 0 && char.IsLetterOrDigit(text[before])))
            || (after < text.Length && (text[after] is '/' or '-' || char.IsLetterOrDigit(text[after])))
            || (after + 1 < text.Length && text[after] is '.' or ',' && char.IsAsciiDigit(text[after + 1])))
        {
            return;
        }

        findings.Add(new PhiFinding(token.Start, token.Length, PhiType.OtherIdentifier, DetectionLayer.Pattern));
    }

    private static void Vin(string text, Token token, List<PhiFinding> findings)
    {
        if (PhiPatterns.VinExact().IsMatch(token.In(text)))
        {
            findings.Add(new PhiFinding(token.Start, token.Length, PhiType.VehicleIdentifier, DetectionLayer.Pattern));
        }
    }

    // The local part left of each '@' and the domain right of it, checked as a whole.
    private static void Emails(string text, List<PhiFinding> findings)
    {
        for (int at = text.IndexOf('@', StringComparison.Ordinal); at >= 0; at = text.IndexOf('@', at + 1))
        {
            int start = at;
            while (start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '.' or '_' or '%' or '+' or '-'))
            {
                start--;
            }

            int end = at + 1;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '-'))
            {
                end++;
            }

            while (end > at + 1 && text[end - 1] is '.' or '-')
            {
                end--;
            }

            if (start < at && PhiPatterns.EmailExact().IsMatch(text.AsSpan(start, end - start)))
            {
                findings.Add(new PhiFinding(start, end - start, PhiType.Email, DetectionLayer.Pattern));
            }
        }
    }

    private static readonly SearchValues<string> TopLevelDomains = SearchValues.Create(
        [".com", ".org", ".net", ".edu", ".gov", ".io", ".info", ".biz", ".us", ".health", ".co", ".care", ".clinic", ".med"],
        StringComparison.OrdinalIgnoreCase);

    private static void Urls(string text, List<PhiFinding> findings)
    {
        foreach (var match in PhiPatterns.UrlWithScheme().EnumerateMatches(text))
        {
            AddUrl(text, match.Index, match.Length, findings);
        }

        // Bare domains: cut the run of domain characters around each ".tld" and check it.
        int from = 0;
        while (from < text.Length)
        {
            int hit = text.AsSpan(from).IndexOfAny(TopLevelDomains);
            if (hit < 0)
            {
                break;
            }

            int dot = from + hit;
            int start = dot;
            while (start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '.' or '-'))
            {
                start--;
            }

            int end = dot + 1;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not '<' and not '>' and not '"' and not '\'' and not ',' and not ';' and not ')')
            {
                end++;
            }

            from = end;
            if (start == dot || (start > 0 && text[start - 1] is '@' or '/'))
            {
                continue;
            }

            int length = end - start;
            while (length > 0 && text[start + length - 1] is '.' or ':')
            {
                length--;
            }

            if (PhiPatterns.DomainExact().IsMatch(text.AsSpan(start, length)))
            {
                AddUrl(text, start, length, findings);
            }
        }
    }

    private static void AddUrl(string text, int start, int length, List<PhiFinding> findings)
    {
        while (length > 0 && text[start + length - 1] is '.' or ',' or ')' or ';' or ':')
        {
            length--;
        }

        // An e-mail's domain is part of the e-mail, not a URL.
        if (start > 0 && text[start - 1] == '@')
        {
            return;
        }

        findings.Add(new PhiFinding(start, length, PhiType.Url, DetectionLayer.Pattern));
    }

    private static bool IsZipToken(string text, Token token) =>
        !token.In(text).ContainsAnyExcept("0123456789") && (token.End >= text.Length || !char.IsLetterOrDigit(text[token.End]));

    // "… MA 02115", "… Florida 94871", "… ma 05689-3457": the state (one or two words) right before a ZIP code.
    private void StateBeforeZip(string text, List<Token> tokens, int zipToken, List<PhiFinding> findings)
    {
        var zip = tokens[zipToken];
        int zipEnd = zip.End;
        if (zipEnd + 4 < text.Length && text[zipEnd] == '-' && text.AsSpan(zipEnd + 1, 4).IndexOfAnyExcept("0123456789") < 0
            && (zipEnd + 5 >= text.Length || !char.IsAsciiDigit(text[zipEnd + 5])))
        {
            zipEnd += 5;
        }

        if (zip.Start > 0 && (char.IsAsciiDigit(text[zip.Start - 1]) || text[zip.Start - 1] == '-'))
        {
            return;
        }

        int previous = zipToken - 1;
        if (previous >= 0 && text[tokens[previous].Start] is '.' or ',')
        {
            previous--;
        }

        if (previous < 0 || !char.IsLetter(text[tokens[previous].Start]) || text.AsSpan(tokens[previous].End, zip.Start - tokens[previous].End).Count('\n') > 0)
        {
            return;
        }

        int stateStart = tokens[previous].Start;
        int stateEnd = tokens[previous].End;
        if (previous >= 1 && char.IsLetter(text[tokens[previous - 1].Start]) && tokens[previous].Start - tokens[previous - 1].End == 1
            && IsState(text.AsSpan(tokens[previous - 1].Start, stateEnd - tokens[previous - 1].Start)))
        {
            stateStart = tokens[previous - 1].Start;
        }

        var state = text.AsSpan(stateStart, stateEnd - stateStart);
        bool wellFormed = state.Length == 2 ? WordShape.IsAllUpper(state) || !state.ContainsAnyInRange('A', 'Z') : char.IsUpper(state[0]) || !state.ContainsAnyInRange('A', 'Z');
        if (wellFormed && IsState(state))
        {
            findings.Add(new PhiFinding(stateStart, stateEnd - stateStart, PhiType.State, DetectionLayer.Pattern));
            City(text, stateStart, findings);
            findings.Add(new PhiFinding(zip.Start, zipEnd - zip.Start, PhiType.Zip, DetectionLayer.Pattern));
        }
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
        for (var match = PhiPatterns.AgeNumeric().Match(text); match.Success; match = match.NextMatch())
        {
            var age = match.Groups["age"];
            findings.Add(new PhiFinding(age.Index, age.Length, PhiType.Age, DetectionLayer.Pattern));
        }
    }

    private static void AgeWord(string text, int at, List<PhiFinding> findings)
    {
        var match = PhiPatterns.AgeWordAt().Match(text, at);
        if (match.Success)
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
            // "8290 Hank Squares, Port Brionna, MD": "Port" is a street suffix, but after a comma it starts the city.
            bool streetSuffix = words > 0 && lexicon.IsStreetSuffix(word) && !(PlacePrefixes.Contains(word.ToString()) && AfterComma(text, wordStart));
            if ((!WordShape.IsCapitalized(word) && !lowerCaseName) || WordShape.HasDigit(word) || streetSuffix || TextWalk.IsFunctionWord(word))
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

    private static bool AfterComma(string text, int wordStart)
    {
        int i = TextWalk.SkipSpacesBack(text, wordStart);
        return i > 0 && text[i - 1] == ',';
    }

    private void OrganizationAt(string text, int at, List<PhiFinding> findings)
    {
        var match = PhiPatterns.OrganizationAnchorAt().Match(text, at);
        if (!match.Success || IsLabel(text, match.Index + match.Length))
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

    // "Insurance: Medicare": an anchor word followed by a colon is a field label.
    private static bool IsLabel(string text, int anchorEnd)
    {
        int next = TextWalk.SkipSpaces(text, anchorEnd, allowNewline: false);
        return next < text.Length && text[next] == ':';
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
            int after = match.Index + match.Length;
            var cueText = text.AsSpan(match.Index, match.Length).TrimEnd();
            int cueWordEnd = TextWalk.WordEnd(text, match.Index);
            var cueWord = text.AsSpan(match.Index, cueWordEnd - match.Index);
            bool labelled = cueText.EndsWith(':') || cueText.EndsWith(',');

            // A cue that ends a sentence ("… her father.", "works as a nurse.") introduces nothing;
            // only the abbreviated titles ("Dr.", "Mrs.") carry a full stop.
            if (cueText.EndsWith('.') && (!title || !IsAbbreviatedTitle(cueWord)))
            {
                return;
            }

            // Only a colon or a comma reaches across a blank line; a hard-wrapped line ("Son\nUlla asks") is one line break.
            int newlines = text.AsSpan(cueWordEnd, after - cueWordEnd).Count('\n');
            if (newlines > 1 && !labelled)
            {
                return;
            }

            // "…, MD, Orthopaedic Surgery": after a credential, a comma starts an affiliation, not a name.
            if (clinician && IsCredentialWord(cueWord) && text.AsSpan(cueWordEnd, after - cueWordEnd).Contains(','))
            {
                return;
            }

            var (start, end) = TextWalk.NameAfter(text, after, lexicon, 3, vouched: title, crossLine: labelled || newlines == 1, strongCue: true);
            if (end > start)
            {
                findings.Add(new PhiFinding(start, end - start, type, DetectionLayer.Pattern));
            }
        }
    }

    private static bool IsAbbreviatedTitle(ReadOnlySpan<char> word) =>
        word.Equals("dr", StringComparison.OrdinalIgnoreCase) || word.Equals("mr", StringComparison.OrdinalIgnoreCase)
        || word.Equals("mrs", StringComparison.OrdinalIgnoreCase) || word.Equals("ms", StringComparison.OrdinalIgnoreCase)
        || word.Equals("mx", StringComparison.OrdinalIgnoreCase) || word.Equals("prof", StringComparison.OrdinalIgnoreCase)
        || word.Equals("sr", StringComparison.OrdinalIgnoreCase);

    private static bool IsCredentialWord(ReadOnlySpan<char> word) =>
        word.Equals("md", StringComparison.OrdinalIgnoreCase) || word.Equals("do", StringComparison.OrdinalIgnoreCase)
        || word.Equals("rn", StringComparison.OrdinalIgnoreCase) || word.Equals("np", StringComparison.OrdinalIgnoreCase)
        || word.Equals("lpn", StringComparison.OrdinalIgnoreCase);

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
        foreach (var cue in NameRoles.CuesIn(text, from, cueStart))
        {
            if (cue.Groups["relative"].Success)
            {
                return PhiType.RelativeName;
            }
        }

        return PhiType.PatientName;
    }
}
