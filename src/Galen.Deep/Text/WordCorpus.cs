using Galen.Core.Errors;

namespace Galen.Deep.Text;

/// <summary>
/// A corpus for learning word embeddings: every in-vocabulary token of every document in one
/// flat run, with document boundaries (a context window never crosses them). Words outside the
/// vocabulary are removed before windows are taken, as the original word2vec does.
/// </summary>
public sealed class WordCorpus
{
    private readonly int[] _tokens;
    private readonly int[] _documentStart;

    private WordCorpus(int[] tokens, int[] documentStart, long removed)
    {
        _tokens = tokens;
        _documentStart = documentStart;
        RemovedTokens = removed;
    }

    /// <summary>Tokens kept (positions a training step can start from).</summary>
    public int Count => _tokens.Length;

    /// <summary>Documents read (including any left empty).</summary>
    public int Documents => _documentStart.Length - 1;

    /// <summary>Tokens outside the vocabulary, removed.</summary>
    public long RemovedTokens { get; }

    /// <summary>The vocabulary index at a position.</summary>
    public int this[int position] => _tokens[position];

    /// <summary>All tokens, document after document.</summary>
    public ReadOnlySpan<int> Tokens => _tokens;

    /// <summary>The first position and the end (exclusive) of the document holding <paramref name="position"/>.</summary>
    public (int Start, int End) DocumentAround(int position)
    {
        int found = Array.BinarySearch(_documentStart, position);

        // An exact hit may be the start of several empty documents: take the last of them.
        int document = found >= 0 ? found : ~found - 1;
        while (document + 1 < _documentStart.Length - 1 && _documentStart[document + 1] == position)
        {
            document++;
        }

        return (_documentStart[document], _documentStart[document + 1]);
    }

    /// <summary>Tokenizes <paramref name="documents"/> with the vocabulary's tokenizer.</summary>
    public static WordCorpus Build(IEnumerable<string> documents, TextTokenizer tokenizer, WordVocabulary vocabulary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var tokens = new List<int>();
        var starts = new List<int> { 0 };
        long removed = 0;
        int row = 0;
        foreach (string document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            row++;
            if (document is null)
            {
                throw new GalenInputException("The document is missing (null).", new SourceLocation("documents", row));
            }

            var enumerator = tokenizer.Enumerate(document);
            while (enumerator.MoveNext())
            {
                int index = vocabulary.Find(enumerator.Current);
                if (index < vocabulary.Specials)
                {
                    removed++;
                    continue;
                }

                tokens.Add(index);
            }

            starts.Add(tokens.Count);
        }

        return new WordCorpus(tokens.ToArray(), starts.ToArray(), removed);
    }
}
