using System.Globalization;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Deep.Persistence;
using Galen.Deep.Text;
using Galen.Deep.Training;

namespace Galen.Deep.Models.Text;

/// <summary>
/// Trained word vectors: cosine similarity between words, nearest neighbours of a word or of
/// several words together, and analogies (b − a + c). Queries read a copy of the vectors on the
/// CPU and are safe from several threads. Holds native memory: dispose it when done.
/// </summary>
public sealed class Word2VecModel : IDeepModel
{
    /// <summary>Family name in saved files.</summary>
    public const string FamilyName = "word2vec";

    private readonly Lazy<float[]> _unit;
    private readonly Lazy<float[]> _unitOutput;

    public Word2VecModel(SkipGramNetwork network, WordVocabulary vocabulary, Word2VecOptions options, TrainingReport? training)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(options);
        if (network.Words != vocabulary.Size)
        {
            throw new ArgumentException($"The network has {network.Words} words but the vocabulary {vocabulary.Size}.", nameof(network));
        }

        Network = network;
        Vocabulary = vocabulary;
        Options = options;
        Training = training;
        Network.eval();
        _unit = new Lazy<float[]>(() => UnitVectors(output: false));
        _unitOutput = new Lazy<float[]>(() => UnitVectors(output: true));
    }

    public string Family => FamilyName;

    /// <summary>
    /// What skip-gram with negative sampling predicts: whether a word appears within another's
    /// context window (it is a logistic model of such pairs).
    /// </summary>
    public LabelSchema Schema { get; } = LabelSchema.Binary("cooccurrence", "the word appears within the context window of the other word");

    public string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"word2vec skip-gram with negative sampling, {Vocabulary.Size - Vocabulary.Specials:N0} words, {Options.Dimensions} dimensions, window {Options.Window}, {Options.Negatives} negatives");

    public TrainingReport? Training { get; }

    /// <summary>The network holding the input (kept) and output vectors.</summary>
    public SkipGramNetwork Network { get; }

    public WordVocabulary Vocabulary { get; }

    public Word2VecOptions Options { get; }

    /// <summary>Width of a word vector.</summary>
    public int Dimensions => Options.Dimensions;

    /// <summary>True when <paramref name="word"/> (after the tokenizer's lower-casing) has a vector.</summary>
    public bool Contains(string word) => Lookup(word) >= Vocabulary.Specials;

    /// <summary>The vector of a word (the network's input vector).</summary>
    public float[] Vector(string word)
    {
        int index = Require(word);
        return Vectors().AsSpan(index * Dimensions, Dimensions).ToArray();
    }

    /// <summary>Every vector, row <c>i</c> for vocabulary index <c>i</c> (special tokens included): [words × dimensions].</summary>
    public float[] Vectors()
    {
        using var weights = Network.InputVectors.detach().cpu().contiguous();
        return weights.data<float>().ToArray();
    }

    /// <summary>Cosine similarity of two words.</summary>
    public double Similarity(string first, string second)
    {
        int a = Require(first);
        int b = Require(second);
        return Dot(UnitRow(a), UnitRow(b));
    }

    /// <summary>The <paramref name="count"/> words most similar to <paramref name="word"/>, itself excluded.</summary>
    public IReadOnlyList<WordNeighbour> NearestNeighbours(string word, int count = 10) => NearestNeighbours([word], count);

    /// <summary>
    /// The words nearest to several words taken together (the sum of their unit vectors, as for
    /// a multi-word term such as "pulmonary embolism"), the query words excluded.
    /// </summary>
    public IReadOnlyList<WordNeighbour> NearestNeighbours(IReadOnlyList<string> words, int count = 10)
    {
        var (query, indices) = SummedQuery(words);
        return Nearest(query, _unit.Value, indices, count);
    }

    /// <summary>
    /// The words the model most expects to see around several words taken together: the sum of
    /// the query's unit input vectors scored against every word's unit output (context) vector
    /// (the "IN-OUT" similarity of Nalisnick et al. 2016, Improving Document Ranking with Dual
    /// Word Embeddings), the query words excluded. Where <see cref="NearestNeighbours(IReadOnlyList{string}, int)"/>
    /// ranks words used <em>like</em> the query (synonyms, words of the same kind), this ranks
    /// words used <em>with</em> it (its topic: for a disease, the drugs and symptoms written next to it).
    /// </summary>
    public IReadOnlyList<WordNeighbour> ContextWords(IReadOnlyList<string> words, int count = 10)
    {
        var (query, indices) = SummedQuery(words);
        return Nearest(query, _unitOutput.Value, indices, count);
    }

    /// <summary>
    /// Words that complete "<paramref name="a"/> is to <paramref name="b"/> as <paramref name="c"/> is
    /// to …": the nearest to b − a + c (on unit vectors), a, b and c excluded.
    /// </summary>
    public IReadOnlyList<WordNeighbour> Analogy(string a, string b, string c, int count = 5)
    {
        int ia = Require(a);
        int ib = Require(b);
        int ic = Require(c);
        var query = new float[Dimensions];
        Add(query, UnitRow(ib), 1f);
        Add(query, UnitRow(ia), -1f);
        Add(query, UnitRow(ic), 1f);
        return Nearest(query, _unit.Value, [ia, ib, ic], count);
    }

    public void Save(string path) => DeepModelArchive.Save(this, path);

    public void Dispose()
    {
        Network.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The sum of the words' unit input vectors, and the words' indices (to exclude them from the answer).</summary>
    private (float[] Query, int[] Indices) SummedQuery(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var indices = words.Select(Require).ToArray();
        var query = new float[Dimensions];
        foreach (int index in indices)
        {
            Add(query, UnitRow(index), 1f);
        }

        return (query, indices);
    }

    private IReadOnlyList<WordNeighbour> Nearest(float[] query, float[] unit, int[] excluded, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        double norm = Math.Sqrt(Dot(query, query));
        if (norm == 0)
        {
            return [];
        }

        var best = new PriorityQueue<int, double>();
        for (int i = Vocabulary.Specials; i < Vocabulary.Size; i++)
        {
            if (Array.IndexOf(excluded, i) >= 0)
            {
                continue;
            }

            double similarity = Dot(query, unit.AsSpan(i * Dimensions, Dimensions)) / norm;
            if (best.Count < count)
            {
                best.Enqueue(i, similarity);
            }
            else if (best.TryPeek(out _, out double lowest) && similarity > lowest)
            {
                best.DequeueEnqueue(i, similarity);
            }
        }

        var found = new List<WordNeighbour>(best.Count);
        while (best.TryDequeue(out int index, out double similarity))
        {
            found.Add(new WordNeighbour(Vocabulary.Words[index], similarity));
        }

        found.Reverse();
        return found;
    }

    private ReadOnlySpan<float> UnitRow(int index) => _unit.Value.AsSpan(index * Dimensions, Dimensions);

    private float[] UnitVectors(bool output = false)
    {
        float[] vectors;
        if (output)
        {
            using var weights = Network.OutputVectors.detach().cpu().contiguous();
            vectors = weights.data<float>().ToArray();
        }
        else
        {
            vectors = Vectors();
        }

        for (int row = 0; row < Vocabulary.Size; row++)
        {
            var v = vectors.AsSpan(row * Dimensions, Dimensions);
            double norm = Math.Sqrt(Dot(v, v));
            if (norm > 0)
            {
                foreach (ref float x in v)
                {
                    x = (float)(x / norm);
                }
            }
        }

        return vectors;
    }

    private int Lookup(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var tokens = Options.Tokenizer.Enumerate(word);
        return tokens.MoveNext() ? Vocabulary.Find(tokens.Current) : -1;
    }

    private int Require(string word)
    {
        int index = Lookup(word);
        if (index < Vocabulary.Specials)
        {
            throw new GalenInputException(
                $"'{word}' has no vector: it is not among the {Vocabulary.Size - Vocabulary.Specials:N0} words seen at least {Options.MinCount} times in the training text.",
                new SourceLocation("word2vec query", Field: "word", Value: word),
                "Check the spelling, or use Contains to test a word first.");
        }

        return index;
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void Add(float[] into, ReadOnlySpan<float> vector, float scale)
    {
        for (int i = 0; i < into.Length; i++)
        {
            into[i] += scale * vector[i];
        }
    }
}
