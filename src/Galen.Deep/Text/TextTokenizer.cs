namespace Galen.Deep.Text;

/// <summary>
/// Cuts text into the tokens a text model reads. Galen.Deep's own tokenizer (it depends on
/// Galen.Core only): <see cref="TokenizerKind.Words"/> for notes and sentences,
/// <see cref="TokenizerKind.Whitespace"/> for sequences of codes. Lower-casing is invariant.
/// </summary>
/// <param name="Kind">How tokens are delimited.</param>
/// <param name="Lowercase">Fold letters to lower case.</param>
/// <param name="KeepPunctuation">Words: keep each punctuation character as a token of its own.</param>
public sealed record TextTokenizer(TokenizerKind Kind = TokenizerKind.Words, bool Lowercase = true, bool KeepPunctuation = false)
{
    /// <summary>The tokens of <paramref name="text"/>, in order.</summary>
    public List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var enumerator = Enumerate(text);
        while (enumerator.MoveNext())
        {
            tokens.Add(enumerator.Current.ToString());
        }

        return tokens;
    }

    /// <summary>Walks the tokens of <paramref name="text"/> without allocating a string per token.</summary>
    public TokenEnumerator Enumerate(ReadOnlySpan<char> text) => new(text, this);

    /// <summary>
    /// Joins generated tokens back into text: words separated by spaces, punctuation attached to
    /// the word before it.
    /// </summary>
    public static string Detokenize(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var text = new System.Text.StringBuilder();
        foreach (string token in tokens)
        {
            bool attach = token.Length == 1 && token[0] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or '%';
            if (text.Length > 0 && !attach && text[^1] != '(')
            {
                text.Append(' ');
            }

            text.Append(token);
        }

        return text.ToString();
    }

    /// <summary>The tokens of one text, each as a span valid until the next move.</summary>
    public ref struct TokenEnumerator
    {
        private readonly ReadOnlySpan<char> _text;
        private readonly TextTokenizer _tokenizer;
        private char[] _buffer;
        private int _at;
        private int _length;

        internal TokenEnumerator(ReadOnlySpan<char> text, TextTokenizer tokenizer)
        {
            _text = text;
            _tokenizer = tokenizer;
            _buffer = new char[64];
            _at = 0;
            _length = 0;
        }

        /// <summary>The current token (lower-cased when the tokenizer says so).</summary>
        public readonly ReadOnlySpan<char> Current => _buffer.AsSpan(0, _length);

        public bool MoveNext()
        {
            var text = _text;
            int at = _at;
            if (_tokenizer.Kind == TokenizerKind.Whitespace)
            {
                while (at < text.Length && char.IsWhiteSpace(text[at]))
                {
                    at++;
                }

                if (at == text.Length)
                {
                    _at = at;
                    return false;
                }

                int start = at;
                while (at < text.Length && !char.IsWhiteSpace(text[at]))
                {
                    at++;
                }

                return Take(start, at);
            }

            while (at < text.Length && !char.IsLetterOrDigit(text[at]))
            {
                if (_tokenizer.KeepPunctuation && !char.IsWhiteSpace(text[at]))
                {
                    return Take(at, at + 1);
                }

                at++;
            }

            if (at == text.Length)
            {
                _at = at;
                return false;
            }

            int first = at;
            while (at < text.Length)
            {
                char c = text[at];
                if (char.IsLetterOrDigit(c))
                {
                    at++;
                }
                else if ((c == '.' || c == ',') && at + 1 < text.Length && char.IsDigit(text[at + 1]) && char.IsDigit(text[at - 1]))
                {
                    at += 2;
                }
                else
                {
                    break;
                }
            }

            return Take(first, at);
        }

        private bool Take(int start, int end)
        {
            _at = end;
            _length = end - start;
            if (_buffer.Length < _length)
            {
                _buffer = new char[Math.Max(_length, _buffer.Length * 2)];
            }

            var token = _text[start..end];
            if (_tokenizer.Lowercase)
            {
                token.ToLowerInvariant(_buffer);
            }
            else
            {
                token.CopyTo(_buffer);
            }

            return true;
        }
    }
}
