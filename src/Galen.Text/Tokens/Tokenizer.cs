namespace Galen.Text.Tokens;

/// <summary>
/// Splits text into <see cref="Token"/>s without allocating strings: every detector, the learned
/// layer, the NLP components and token-level evaluation share this one definition of a token.
/// </summary>
public static class Tokenizer
{
    /// <summary>Appends the tokens of <paramref name="text"/> to <paramref name="tokens"/>.</summary>
    public static void Tokenize(string text, List<Token> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        bool lineStart = true;
        int i = 0;
        int n = text.Length;
        while (i < n)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (c == '\n')
                {
                    lineStart = true;
                }

                i++;
                continue;
            }

            int start = i;
            if (char.IsLetterOrDigit(c))
            {
                i++;
                while (i < n)
                {
                    char d = text[i];
                    if (char.IsLetterOrDigit(d))
                    {
                        i++;
                    }
                    else if ((d == '\'' || d == '\u2019') && i + 1 < n && char.IsLetter(text[i + 1]) && char.IsLetter(text[i - 1]))
                    {
                        i += 2;
                    }
                    else
                    {
                        break;
                    }
                }
            }
            else
            {
                i++;
            }

            tokens.Add(new Token(start, i - start, lineStart));
            lineStart = false;
        }
    }

    /// <summary>The tokens of <paramref name="text"/>.</summary>
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(text?.Length / 5 ?? 0);
        Tokenize(text!, tokens);
        return tokens;
    }
}
