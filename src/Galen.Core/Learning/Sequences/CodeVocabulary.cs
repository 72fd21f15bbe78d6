namespace Galen.Core.Learning.Sequences;

/// <summary>
/// Maps codes to dense integer ids: 0 is <c>&lt;pad&gt;</c>, 1 is <c>&lt;unk&gt;</c> (a code not
/// seen when the vocabulary was fitted, or seen fewer than the minimum count), real codes start
/// at 2 in ordinal order. Fit it on training samples only.
/// </summary>
public sealed class CodeVocabulary
{
    public const string PadToken = "<pad>";
    public const string UnknownToken = "<unk>";
    public const int PadId = 0;
    public const int UnknownId = 1;

    private readonly Dictionary<string, int> _ids;

    private CodeVocabulary(IReadOnlyList<string> tokens)
    {
        Tokens = tokens;
        _ids = new Dictionary<string, int>(tokens.Count, StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
        {
            _ids[tokens[i]] = i;
        }
    }

    /// <summary>Tokens by id: <c>&lt;pad&gt;</c>, <c>&lt;unk&gt;</c>, then codes in ordinal order.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Number of ids, padding and unknown included (the embedding table's size).</summary>
    public int Size => Tokens.Count;

    /// <summary>Learns the codes occurring at least <paramref name="minCount"/> times.</summary>
    public static CodeVocabulary Fit(IEnumerable<string> trainingCodes, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(trainingCodes);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var code in trainingCodes)
        {
            counts[code] = counts.GetValueOrDefault(code) + 1;
        }

        var kept = counts.Where(pair => pair.Value >= minCount && pair.Key is not PadToken and not UnknownToken)
            .Select(pair => pair.Key)
            .Order(StringComparer.Ordinal);
        return new CodeVocabulary([PadToken, UnknownToken, .. kept]);
    }

    /// <summary>A vocabulary with exactly the given tokens after the two reserved ones (e.g. read back from a model bundle).</summary>
    public static CodeVocabulary FromTokens(IEnumerable<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return new CodeVocabulary([PadToken, UnknownToken, .. codes.Where(c => c is not PadToken and not UnknownToken)]);
    }

    /// <summary>The id of a code; <see cref="UnknownId"/> when the code is not in the vocabulary.</summary>
    public int IdOf(string code) => _ids.TryGetValue(code, out int id) ? id : UnknownId;

    /// <summary>True when the code has its own id.</summary>
    public bool Contains(string code) => _ids.ContainsKey(code) && code is not PadToken and not UnknownToken;
}
