using Galen.Deep.Data;
using static TorchSharp.torch;

namespace Galen.Deep.Text;

/// <summary>
/// Texts after <see cref="TextEncoding"/>: vocabulary indices in one flat run, cut into
/// <see cref="TokenBatch"/>es padded only to the longest text of each batch.
/// </summary>
public sealed class EncodedTexts : IBatchSource<TokenBatch>
{
    private readonly int[] _start;
    private readonly int[] _tokens;

    internal EncodedTexts(int[] start, int[] tokens, long unknownTokens, long truncatedTokens)
    {
        _start = start;
        _tokens = tokens;
        UnknownTokens = unknownTokens;
        TruncatedTokens = truncatedTokens;
    }

    public int Count => _start.Length - 1;

    /// <summary>Tokens outside the vocabulary, read as the unknown word.</summary>
    public long UnknownTokens { get; }

    /// <summary>Tokens left out because a text was longer than the encoding's maximum.</summary>
    public long TruncatedTokens { get; }

    /// <summary>The kept tokens of one sample.</summary>
    public ReadOnlySpan<int> Tokens(int sample) => _tokens.AsSpan(_start[sample], _start[sample + 1] - _start[sample]);

    public TokenBatch Batch(ReadOnlySpan<int> rows, Device device)
    {
        int size = rows.Length;
        int longest = 1;
        foreach (int row in rows)
        {
            longest = Math.Max(longest, _start[row + 1] - _start[row]);
        }

        var tokens = HostTensors.Empty(ScalarType.Int64, size, longest);
        var lengths = HostTensors.Empty(ScalarType.Int64, size);
        var mask = HostTensors.Empty(ScalarType.Bool, size, longest);
        var tokenSpan = HostTensors.Span<long>(tokens);
        var lengthSpan = HostTensors.Span<long>(lengths);
        var maskSpan = HostTensors.Span<bool>(mask);
        for (int b = 0; b < size; b++)
        {
            var sample = Tokens(rows[b]);
            lengthSpan[b] = sample.Length;
            int at = b * longest;
            for (int t = 0; t < longest; t++)
            {
                bool real = t < sample.Length;
                tokenSpan[at + t] = real ? sample[t] : WordVocabulary.Padding;
                maskSpan[at + t] = real;
            }
        }

        return new TokenBatch(HostTensors.On(tokens, device), lengths, HostTensors.On(mask, device), size, longest);
    }
}
