namespace Galen.Core.Learning.Sequences;

/// <summary>
/// Visit sequences with codes replaced by ids of per-channel vocabularies fitted on training
/// data: the input of sequence networks (RNN, RETAIN, Transformer). Id 0 is padding and id 1
/// an unknown code in every vocabulary.
/// </summary>
public sealed class EncodedVisitSequenceSet : IInputs<EncodedVisitSequenceSet>
{
    public EncodedVisitSequenceSet(IReadOnlyList<string> channels, IReadOnlyList<CodeVocabulary> vocabularies, IReadOnlyList<EncodedVisitSequence> samples)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(vocabularies);
        ArgumentNullException.ThrowIfNull(samples);
        if (vocabularies.Count != channels.Count)
        {
            throw new ArgumentException($"{vocabularies.Count} vocabularies for {channels.Count} channels.", nameof(vocabularies));
        }

        Channels = channels;
        Vocabularies = vocabularies;
        Samples = samples;
    }

    public IReadOnlyList<string> Channels { get; }

    /// <summary>The vocabulary of each channel, in channel order.</summary>
    public IReadOnlyList<CodeVocabulary> Vocabularies { get; }

    public IReadOnlyList<EncodedVisitSequence> Samples { get; }

    public int Count => Samples.Count;

    /// <summary>The longest sequence, in visits (for padding a batch).</summary>
    public int MaxVisits => Samples.Count == 0 ? 0 : Samples.Max(s => s.Visits);

    public EncodedVisitSequenceSet Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new EncodedVisitSequenceSet(Channels, Vocabularies, rows.Select(r => Samples[r]).ToArray());
    }
}
