namespace Galen.Text.Deid.Lexicons;

/// <summary>
/// The word lists the dictionary layer and the learned layer's features look words up in:
/// first and last names, cities, states, street suffixes, and the common words that must never be
/// taken for a name alone. Look-ups are case-insensitive and take spans, so nothing is allocated.
/// </summary>
public sealed class PhiLexicon
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _first;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _last;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _cityWords;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _common;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _stateNameWords;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _streetSuffixes;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _ambiguous;

    public PhiLexicon(
        IEnumerable<string> firstNames,
        IEnumerable<string> lastNames,
        IEnumerable<string> cities,
        IReadOnlyDictionary<string, string> states,
        IEnumerable<string> streetSuffixes,
        IEnumerable<string> commonWords,
        IEnumerable<string>? allNames = null)
    {
        CommonWords = Set(commonWords);
        FirstNames = Set(firstNames.Where(n => !CommonWords.Contains(n)));
        LastNames = Set(lastNames.Where(n => !CommonWords.Contains(n)));
        Cities = Set(cities);
        CityWords = Set(Cities.SelectMany(c => c.Split(' ')).Where(w => !CommonWords.Contains(w)));
        States = new Dictionary<string, string>(states, StringComparer.OrdinalIgnoreCase);
        StateAbbreviations = new HashSet<string>(states.Values, StringComparer.Ordinal);
        StreetSuffixes = Set(streetSuffixes);
        var stateWords = Set(states.Keys.SelectMany(s => s.Split(' ')));
        _first = Lookup(FirstNames);
        _last = Lookup(LastNames);
        _cityWords = Lookup(CityWords);
        _common = Lookup(CommonWords);
        _stateNameWords = Lookup(stateWords);
        _streetSuffixes = Lookup(StreetSuffixes);
        AmbiguousNames = Set((allNames ?? []).Where(n => CommonWords.Contains(n)));
        _ambiguous = Lookup(AmbiguousNames);
    }

    /// <summary>
    /// Names that are also common words ("Smith", "Grant", "Will", "Joy"): never a name on their
    /// own, but a name next to another name, after a title or a strong cue, or before a credential.
    /// </summary>
    public IReadOnlySet<string> AmbiguousNames { get; }

    /// <summary>True for a name that is also a common word (see <see cref="AmbiguousNames"/>).</summary>
    public bool IsAmbiguousName(ReadOnlySpan<char> word) => _ambiguous.Contains(word);

    /// <summary>True for any name of the lists, ambiguous ones included.</summary>
    public bool IsAnyName(ReadOnlySpan<char> word) => IsName(word) || _ambiguous.Contains(word);

    public IReadOnlySet<string> FirstNames { get; }

    public IReadOnlySet<string> LastNames { get; }

    /// <summary>Whole city names, possibly several words ("Salt Lake City").</summary>
    public IReadOnlySet<string> Cities { get; }

    /// <summary>Every word of every city name, less common words.</summary>
    public IReadOnlySet<string> CityWords { get; }

    /// <summary>State names to USPS abbreviations.</summary>
    public IReadOnlyDictionary<string, string> States { get; }

    /// <summary>USPS state abbreviations (upper case, compared exactly).</summary>
    public IReadOnlySet<string> StateAbbreviations { get; }

    public IReadOnlySet<string> StreetSuffixes { get; }

    public IReadOnlySet<string> CommonWords { get; }

    public bool IsFirstName(ReadOnlySpan<char> word) => _first.Contains(word);

    public bool IsLastName(ReadOnlySpan<char> word) => _last.Contains(word);

    public bool IsName(ReadOnlySpan<char> word) => _first.Contains(word) || _last.Contains(word);

    public bool IsCityWord(ReadOnlySpan<char> word) => _cityWords.Contains(word);

    public bool IsCommon(ReadOnlySpan<char> word) => _common.Contains(word);

    public bool IsStateWord(ReadOnlySpan<char> word) => _stateNameWords.Contains(word);

    public bool IsStreetSuffix(ReadOnlySpan<char> word) => _streetSuffixes.Contains(word);

    /// <summary>The lexicon built from Bogus' locale data and Galen's shipped lists; built once.</summary>
    public static PhiLexicon Default => LazyDefault.Value;

    private static readonly Lazy<PhiLexicon> LazyDefault = new(LexiconBuilder.Build);

    private static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup(IReadOnlySet<string> set) =>
        ((HashSet<string>)set).GetAlternateLookup<ReadOnlySpan<char>>();

    private static HashSet<string> Set(IEnumerable<string> words) =>
        new(words.Where(w => w.Length > 0), StringComparer.OrdinalIgnoreCase);
}
