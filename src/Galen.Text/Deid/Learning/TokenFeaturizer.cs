using Galen.Text.Deid.Lexicons;
using Galen.Text.Tokens;

namespace Galen.Text.Deid.Learning;

/// <summary>
/// Turns a token in its context into hashed feature indices for the learned layer: the word and
/// its neighbours (lower-cased, digits folded to 0), prefixes and suffixes, word shapes, dictionary
/// membership of the word and its neighbours, line position and the labels already given to the
/// two tokens before it. Hashing keeps the model a fixed size and featurisation allocation-free.
/// </summary>
internal sealed class TokenFeaturizer(PhiLexicon lexicon, int bits)
{
    /// <summary>Features per token (the capacity <see cref="Extract"/> needs).</summary>
    public const int MaxFeatures = 32;

    private readonly uint _mask = (1u << bits) - 1;

    public int Buckets => (int)_mask + 1;

    /// <summary>Writes the features of token <paramref name="i"/> to <paramref name="features"/>; returns how many.</summary>
    public int Extract(string text, List<Token> tokens, int i, int previous, int previous2, Span<int> features)
    {
        int n = 0;
        var w0 = Word(text, tokens, i);
        var wm1 = Word(text, tokens, i - 1);
        var wm2 = Word(text, tokens, i - 2);
        var wm3 = Word(text, tokens, i - 3);
        var wp1 = Word(text, tokens, i + 1);
        var wp2 = Word(text, tokens, i + 2);
        uint shape0 = Shape(w0);
        uint shapeM1 = Shape(wm1);
        uint shapeP1 = Shape(wp1);
        uint lex0 = Lexical(w0);
        uint lexM1 = Lexical(wm1);
        uint lexP1 = Lexical(wp1);

        features[n++] = Bucket(1);
        features[n++] = Bucket(Hash(2, w0));
        features[n++] = Bucket(Hash(3, wm1));
        features[n++] = Bucket(Hash(4, wp1));
        features[n++] = Bucket(Hash(5, wm2));
        features[n++] = Bucket(Hash(6, wp2));
        features[n++] = Bucket(Hash(7, wm3));
        features[n++] = Bucket(Hash(8, w0.Length > 3 ? w0[..3] : w0));
        features[n++] = Bucket(Hash(9, w0.Length > 3 ? w0[^3..] : w0));
        features[n++] = Index(10, shape0);
        features[n++] = Index(11, shapeM1);
        features[n++] = Index(12, shapeP1);
        features[n++] = Bucket(Mix(Hash(13, wm1), Hash(0, w0)));
        features[n++] = Bucket(Mix(Hash(14, w0), Hash(0, wp1)));
        features[n++] = Index(15, lex0);
        features[n++] = Index(16, lexM1);
        features[n++] = Index(17, lexP1);
        features[n++] = Index(18, (uint)previous);
        features[n++] = Index(19, (uint)((previous * 64) + previous2));
        features[n++] = Index(20, (uint)previous * 4096 + shape0);
        features[n++] = Index(21, (uint)Math.Min(w0.Length, 12) * 2 + (WordShape.HasDigit(w0) ? 1u : 0u));
        features[n++] = Index(22, i < tokens.Count && tokens[i].LineStart ? 1u : 0u);
        features[n++] = Bucket(Mix(Hash(23, wm1), shape0));
        features[n++] = Index(24, shapeM1 * 4096 + shape0);
        features[n++] = Index(25, shape0 * 4096 + shapeP1);
        features[n++] = Index(26, lexM1 * 256 + lex0);
        features[n++] = Index(27, lex0 * 256 + lexP1);
        features[n++] = Bucket(Mix(Hash(28, wm2), Hash(0, wm1)));
        features[n++] = Index(29, (uint)previous * 256 + lex0);
        features[n++] = Bucket(Mix(Hash(30, wp1), shape0));
        return n;
    }

    private static ReadOnlySpan<char> Word(string text, List<Token> tokens, int i) =>
        i < 0 ? "<s>" : i >= tokens.Count ? "</s>" : tokens[i].In(text);

    private int Index(uint template, uint value) => (int)(Mix(template * 0x9E3779B1u, value) & _mask);

    private int Bucket(uint hash) => (int)(hash & _mask);

    private static uint Mix(uint a, uint b)
    {
        uint h = a ^ (b + 0x9E3779B9u + (a << 6) + (a >> 2));
        h ^= h >> 15;
        h *= 0x2C1B3C6Du;
        h ^= h >> 12;
        return h;
    }

    // FNV-1a over the lower-cased word with digits folded to '0'.
    private static uint Hash(uint template, ReadOnlySpan<char> word)
    {
        uint h = 2166136261u ^ template;
        h *= 16777619u;
        foreach (char c in word)
        {
            char k = char.IsAsciiDigit(c) ? '0' : char.ToLowerInvariant(c);
            h ^= k;
            h *= 16777619u;
        }

        return h;
    }

    // Shape classes: case pattern, digits, punctuation kind, length band.
    private static uint Shape(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
        {
            return 0;
        }

        uint h = 17;
        char previous = '\0';
        int run = 0;
        int emitted = 0;
        foreach (char c in word)
        {
            char k = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
            if (k == previous)
            {
                if (++run == 2)
                {
                    h = (h * 31) + '+';
                }

                continue;
            }

            previous = k;
            run = 1;
            if (++emitted > 6)
            {
                break;
            }

            h = (h * 31) + k;
        }

        return (h % 4093) + 1;
    }

    private uint Lexical(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || !char.IsLetter(word[0]))
        {
            return 0;
        }

        uint mask = 1;
        mask |= lexicon.IsFirstName(word) ? 2u : 0;
        mask |= lexicon.IsLastName(word) ? 4u : 0;
        mask |= lexicon.IsCityWord(word) ? 8u : 0;
        mask |= lexicon.IsStateWord(word) ? 16u : 0;
        mask |= lexicon.IsCommon(word) ? 32u : 0;
        mask |= lexicon.IsStreetSuffix(word) ? 64u : 0;
        mask |= Detection.TextWalk.IsFunctionWord(word) ? 128u : 0;
        return mask;
    }
}
