namespace Galen.Core.Learning.Sequences;

/// <summary>
/// Samples as sequences of visits, each visit a set of codes per channel, oldest visit first.
/// The raw (string) form produced by tasks; fit a <see cref="CodeVocabulary"/> per channel on the
/// training part and call <see cref="Encode"/> to get integer ids for a network.
/// </summary>
public sealed class VisitSequenceSet : IInputs<VisitSequenceSet>
{
    public VisitSequenceSet(IReadOnlyList<string> channels, IReadOnlyList<IReadOnlyList<VisitCodes>> sequences)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(sequences);
        foreach (var sequence in sequences)
        {
            foreach (var visit in sequence)
            {
                if (visit.CodesByChannel.Count != channels.Count)
                {
                    throw new ArgumentException($"A visit has {visit.CodesByChannel.Count} code lists but the set has {channels.Count} channels.", nameof(sequences));
                }
            }
        }

        Channels = channels;
        Sequences = sequences;
    }

    /// <summary>Channel names, e.g. "condition", "procedure", "drug".</summary>
    public IReadOnlyList<string> Channels { get; }

    /// <summary>One sequence of visits per sample, oldest first.</summary>
    public IReadOnlyList<IReadOnlyList<VisitCodes>> Sequences { get; }

    public int Count => Sequences.Count;

    public VisitSequenceSet Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var selected = new IReadOnlyList<VisitCodes>[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            selected[i] = Sequences[rows[i]];
        }

        return new VisitSequenceSet(Channels, selected);
    }

    /// <summary>Every code of one channel, over all samples and visits (for fitting a vocabulary).</summary>
    public IEnumerable<string> CodesOf(int channel)
    {
        foreach (var sequence in Sequences)
        {
            foreach (var visit in sequence)
            {
                foreach (var code in visit.CodesByChannel[channel])
                {
                    yield return code;
                }
            }
        }
    }

    /// <summary>Maps codes to ids with one vocabulary per channel (unknown codes become <see cref="CodeVocabulary.UnknownId"/>).</summary>
    public EncodedVisitSequenceSet Encode(IReadOnlyList<CodeVocabulary> vocabularies)
    {
        ArgumentNullException.ThrowIfNull(vocabularies);
        if (vocabularies.Count != Channels.Count)
        {
            throw new ArgumentException($"{vocabularies.Count} vocabularies for {Channels.Count} channels.", nameof(vocabularies));
        }

        var samples = new EncodedVisitSequence[Count];
        for (int s = 0; s < Count; s++)
        {
            var visits = Sequences[s];
            var codes = new int[visits.Count][][];
            var hours = new float[visits.Count];
            for (int v = 0; v < visits.Count; v++)
            {
                hours[v] = (float)visits[v].HoursBeforeIndex;
                codes[v] = new int[Channels.Count][];
                for (int c = 0; c < Channels.Count; c++)
                {
                    var raw = visits[v].CodesByChannel[c];
                    var ids = new int[raw.Count];
                    for (int k = 0; k < raw.Count; k++)
                    {
                        ids[k] = vocabularies[c].IdOf(raw[k]);
                    }

                    codes[v][c] = ids;
                }
            }

            samples[s] = new EncodedVisitSequence(codes, hours);
        }

        return new EncodedVisitSequenceSet(Channels, vocabularies, samples);
    }
}
