using Galen.Deep.Text;

namespace Galen.Deep.Models.Text;

/// <summary>
/// The text models' part of a saved model's configuration (<see cref="Persistence.DeepModelDocument.Text"/>):
/// the family's settings and its vocabularies. Exactly one family's settings are set.
/// </summary>
public sealed record TextModelDocument
{
    public Word2VecOptions? Word2Vec { get; init; }

    public TextClassifierOptions? Classifier { get; init; }

    /// <summary>Classifiers: the word vectors training started from, in words.</summary>
    public string? PretrainedFrom { get; init; }

    public Seq2SeqOptions? Seq2Seq { get; init; }

    /// <summary>The words read (a generation model's source vocabulary).</summary>
    public VocabularyDocument? Vocabulary { get; init; }

    /// <summary>Generation models: the words written.</summary>
    public VocabularyDocument? TargetVocabulary { get; init; }
}

/// <summary>A <see cref="WordVocabulary"/> as saved: tokens (special ones first) and their training counts.</summary>
/// <param name="Words">Every token; a token's position is its index.</param>
/// <param name="Counts">Training occurrences per token.</param>
/// <param name="Specials">How many leading tokens are special.</param>
public sealed record VocabularyDocument(IReadOnlyList<string> Words, IReadOnlyList<long> Counts, int Specials)
{
    public static VocabularyDocument From(WordVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        return new(vocabulary.Words, vocabulary.Counts, vocabulary.Specials);
    }

    public WordVocabulary ToVocabulary() => new(Words, Counts, Specials);
}
