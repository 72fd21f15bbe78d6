using Galen.Text.Tokens;

namespace Galen.Text.Nlp.Classification;

/// <summary>A sparse row: feature indices (ascending) and their values.</summary>
public readonly record struct SparseRow(int[] Indices, float[] Values);

/// <summary>
/// A bag-of-words vectoriser fitted on training notes only: lower-cased words (letters or
/// letters-and-digits, two characters or more; bare numbers dropped) and optionally word pairs,
/// the <see cref="MaxFeatures"/> terms found in the most training notes (at least
/// <see cref="MinDocuments"/>), weighted (1 + ln tf) × idf (smoothed as scikit-learn does) and
/// scaled to unit length.
/// </summary>
public sealed class BagOfWords
{
    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly float[] _idf;

    private BagOfWords(Dictionary<string, int> vocabulary, float[] idf, bool bigrams)
    {
        _vocabulary = vocabulary;
        _lookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        _idf = idf;
        Bigrams = bigrams;
    }

    public const int MinDocuments = 2;

    public const int MaxFeatures = 20_000;

    public int Features => _idf.Length;

    public bool Bigrams { get; }

    /// <summary>Learns the vocabulary and idf weights from <paramref name="notes"/>.</summary>
    public static BagOfWords Fit(IReadOnlyList<string> notes, bool bigrams = true)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var documents = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var note in notes)
        {
            foreach (var term in Terms(note, bigrams).Distinct(StringComparer.Ordinal))
            {
                documents[term] = documents.GetValueOrDefault(term) + 1;
            }
        }

        var kept = documents.Where(p => p.Value >= MinDocuments)
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(MaxFeatures)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToArray();
        var vocabulary = new Dictionary<string, int>(kept.Length, StringComparer.Ordinal);
        var idf = new float[kept.Length];
        for (int i = 0; i < kept.Length; i++)
        {
            vocabulary[kept[i].Key] = i;
            idf[i] = (float)(Math.Log((1.0 + notes.Count) / (1.0 + kept[i].Value)) + 1.0);
        }

        return new BagOfWords(vocabulary, idf, bigrams);
    }

    /// <summary>The weighted, unit-length row of one note.</summary>
    public SparseRow Transform(string note)
    {
        var counts = new Dictionary<int, int>();
        foreach (var term in Terms(note, Bigrams))
        {
            if (_vocabulary.TryGetValue(term, out int index))
            {
                counts[index] = counts.GetValueOrDefault(index) + 1;
            }
        }

        var indices = counts.Keys.Order().ToArray();
        var values = new float[indices.Length];
        double norm = 0;
        for (int k = 0; k < indices.Length; k++)
        {
            double value = (1 + Math.Log(counts[indices[k]])) * _idf[indices[k]];
            values[k] = (float)value;
            norm += value * value;
        }

        if (norm > 0)
        {
            float scale = (float)(1 / Math.Sqrt(norm));
            for (int k = 0; k < values.Length; k++)
            {
                values[k] *= scale;
            }
        }

        return new SparseRow(indices, values);
    }

    private static IEnumerable<string> Terms(string note, bool bigrams)
    {
        string? previous = null;
        foreach (var token in Tokenizer.Tokenize(note))
        {
            var word = token.In(note);
            if (word.Length < 2 || !char.IsLetter(word[0]))
            {
                previous = null;
                continue;
            }

            string lower = word.ToString().ToLowerInvariant();
            yield return lower;
            if (bigrams && previous is not null)
            {
                yield return previous + " " + lower;
            }

            previous = lower;
        }
    }
}
