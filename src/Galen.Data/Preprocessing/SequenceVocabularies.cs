using Galen.Core.Learning.Sequences;

namespace Galen.Data.Preprocessing;

/// <summary>Fits one <see cref="CodeVocabulary"/> per channel of visit sequences, on training samples only.</summary>
public static class SequenceVocabularies
{
    /// <summary>Vocabularies of the codes seen at least <paramref name="minCount"/> times in <paramref name="train"/>, in channel order.</summary>
    public static IReadOnlyList<CodeVocabulary> Fit(VisitSequenceSet train, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Enumerable.Range(0, train.Channels.Count).Select(c => CodeVocabulary.Fit(train.CodesOf(c), minCount)).ToArray();
    }
}
