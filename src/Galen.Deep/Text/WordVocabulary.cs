using Galen.Core.Errors;

namespace Galen.Deep.Text;

/// <summary>
/// The words a text model knows, with how often each occurred in the training text. Index 0 is
/// padding and index 1 the unknown word; generation models add a start and an end marker. Real
/// words follow, most frequent first (ties in ordinal order), so the same text always gives the
/// same vocabulary.
/// </summary>
public sealed class WordVocabulary
{
    /// <summary>Index of the padding token (never a word; its embedding is zero).</summary>
    public const int Padding = 0;

    /// <summary>Index every word outside the vocabulary is read as.</summary>
    public const int Unknown = 1;

    /// <summary>Index of the start-of-sequence marker, in vocabularies made with <see cref="SequenceMarkers"/>.</summary>
    public const int Start = 2;

    /// <summary>Index of the end-of-sequence marker, in vocabularies made with <see cref="SequenceMarkers"/>.</summary>
    public const int End = 3;

    /// <summary>Special tokens of classifier and embedding vocabularies.</summary>
    public static IReadOnlyList<string> Basic { get; } = ["<pad>", "<unk>"];

    /// <summary>Special tokens of generation vocabularies.</summary>
    public static IReadOnlyList<string> SequenceMarkers { get; } = ["<pad>", "<unk>", "<s>", "</s>"];

    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <param name="words">Every token, special tokens first.</param>
    /// <param name="counts">Training occurrences of each token (0 for special tokens).</param>
    /// <param name="specials">How many leading tokens are special.</param>
    public WordVocabulary(IReadOnlyList<string> words, IReadOnlyList<long> counts, int specials)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(counts);
        if (words.Count != counts.Count)
        {
            throw new ArgumentException($"{words.Count} words but {counts.Count} counts.", nameof(counts));
        }

        if (specials < 2 || specials > words.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(specials), specials, "A vocabulary starts with at least the padding and unknown tokens.");
        }

        Words = words.ToArray();
        Counts = counts.ToArray();
        Specials = specials;
        _index = new Dictionary<string, int>(words.Count, StringComparer.Ordinal);
        for (int i = 0; i < words.Count; i++)
        {
            if (!_index.TryAdd(words[i], i))
            {
                throw new GalenInputException($"The vocabulary lists '{words[i]}' twice.", new SourceLocation("vocabulary", i + 1, "word", words[i]));
            }
        }

        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Every token, special tokens first; a token's position is its index.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Training occurrences per token (0 for special tokens).</summary>
    public IReadOnlyList<long> Counts { get; }

    /// <summary>How many leading tokens are special (padding, unknown, markers).</summary>
    public int Specials { get; }

    /// <summary>Tokens including the special ones: rows of an embedding table.</summary>
    public int Size => Words.Count;

    /// <summary>Occurrences of known words in the training text.</summary>
    public long TotalCount => Counts.Sum();

    /// <summary>The index of a token, or <see cref="Unknown"/>.</summary>
    public int IndexOf(ReadOnlySpan<char> token) => _lookup.TryGetValue(token, out int index) ? index : Unknown;

    /// <summary>The index of a token, or -1 when it is not in the vocabulary.</summary>
    public int Find(ReadOnlySpan<char> token) => _lookup.TryGetValue(token, out int index) ? index : -1;

    /// <summary>
    /// Learns the words of <paramref name="texts"/>: those seen at least <paramref name="minCount"/>
    /// times, the <paramref name="maxWords"/> most frequent when set.
    /// </summary>
    public static WordVocabulary Fit(IEnumerable<string> texts, TextTokenizer tokenizer, int minCount, int? maxWords, IReadOnlyList<string> specials, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(specials);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (string text in texts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tokens = tokenizer.Enumerate(text);
            while (tokens.MoveNext())
            {
                var token = tokens.Current;
                if (lookup.TryGetValue(token, out long count))
                {
                    lookup[token] = count + 1;
                }
                else
                {
                    lookup[token] = 1;
                }
            }
        }

        foreach (string special in specials)
        {
            counts.Remove(special);
        }

        var kept = counts.Where(p => p.Value >= minCount)
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(maxWords ?? int.MaxValue)
            .ToArray();
        var words = new List<string>(specials.Count + kept.Length);
        var frequencies = new List<long>(specials.Count + kept.Length);
        words.AddRange(specials);
        frequencies.AddRange(Enumerable.Repeat(0L, specials.Count));
        foreach (var (word, count) in kept)
        {
            words.Add(word);
            frequencies.Add(count);
        }

        return new WordVocabulary(words, frequencies, specials.Count);
    }
}
