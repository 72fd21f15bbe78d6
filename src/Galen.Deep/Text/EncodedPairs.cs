using Galen.Deep.Data;
using static TorchSharp.torch;

namespace Galen.Deep.Text;

/// <summary>
/// (Source, target) pairs after encoding with a generation model's two vocabularies, cut into
/// <see cref="PairBatch"/>es. Targets keep at most the encoding's maximum tokens (the rest are
/// counted in <see cref="TruncatedTargetTokens"/>), then the end marker.
/// </summary>
public sealed class EncodedPairs : IBatchSource<PairBatch>
{
    private readonly int[] _targetStart;
    private readonly int[] _targets;

    internal EncodedPairs(EncodedTexts sources, int[] targetStart, int[] targets, long unknownTargetTokens, long truncatedTargetTokens)
    {
        Sources = sources;
        _targetStart = targetStart;
        _targets = targets;
        UnknownTargetTokens = unknownTargetTokens;
        TruncatedTargetTokens = truncatedTargetTokens;
    }

    public int Count => Sources.Count;

    /// <summary>The encoded source texts.</summary>
    public EncodedTexts Sources { get; }

    /// <summary>Target tokens outside the target vocabulary, read as the unknown word.</summary>
    public long UnknownTargetTokens { get; }

    /// <summary>Target tokens left out because a target was longer than the maximum.</summary>
    public long TruncatedTargetTokens { get; }

    /// <summary>The target tokens of one pair, without the end marker.</summary>
    public ReadOnlySpan<int> Target(int pair) => _targets.AsSpan(_targetStart[pair], _targetStart[pair + 1] - _targetStart[pair]);

    /// <summary>
    /// Encodes pairs: sources with <paramref name="source"/>, targets with <paramref name="targetTokenizer"/>
    /// and <paramref name="targetVocabulary"/>, at most <paramref name="maxTargetTokens"/> each.
    /// </summary>
    public static EncodedPairs Encode(TextPairs pairs, TextEncoding source, TextTokenizer targetTokenizer, WordVocabulary targetVocabulary, int maxTargetTokens, string name)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(targetTokenizer);
        ArgumentNullException.ThrowIfNull(targetVocabulary);
        var sources = source.Encode(pairs.Sources, name + " sources");
        var start = new int[pairs.Count + 1];
        var tokens = new List<int>();
        long unknown = 0;
        long truncated = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            int kept = 0;
            var enumerator = targetTokenizer.Enumerate(pairs.Targets[i] ?? throw new Core.Errors.GalenInputException("The target text is missing (null).", new Core.Errors.SourceLocation(name + " targets", i + 1)));
            while (enumerator.MoveNext())
            {
                if (kept == maxTargetTokens)
                {
                    truncated++;
                    continue;
                }

                int index = targetVocabulary.IndexOf(enumerator.Current);
                unknown += index == WordVocabulary.Unknown ? 1 : 0;
                tokens.Add(index);
                kept++;
            }

            start[i + 1] = tokens.Count;
        }

        return new EncodedPairs(sources, start, tokens.ToArray(), unknown, truncated);
    }

    public PairBatch Batch(ReadOnlySpan<int> rows, Device device)
    {
        var source = Sources.Batch(rows, device);
        int size = rows.Length;
        int steps = 1;
        foreach (int row in rows)
        {
            steps = Math.Max(steps, _targetStart[row + 1] - _targetStart[row] + 1);
        }

        var inputs = HostTensors.Empty(ScalarType.Int64, size, steps);
        var targets = HostTensors.Empty(ScalarType.Int64, size, steps);
        var inputSpan = HostTensors.Span<long>(inputs);
        var targetSpan = HostTensors.Span<long>(targets);
        for (int b = 0; b < size; b++)
        {
            var target = Target(rows[b]);
            int at = b * steps;
            for (int t = 0; t < steps; t++)
            {
                inputSpan[at + t] = t == 0 ? WordVocabulary.Start : t <= target.Length ? target[t - 1] : WordVocabulary.Padding;
                targetSpan[at + t] = t < target.Length ? target[t] : t == target.Length ? WordVocabulary.End : WordVocabulary.Padding;
            }
        }

        return new PairBatch(source, HostTensors.On(inputs, device), HostTensors.On(targets, device), size, steps);
    }
}
