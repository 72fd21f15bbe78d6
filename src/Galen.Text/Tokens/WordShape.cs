namespace Galen.Text.Tokens;

/// <summary>Orthographic facts about a word that matter for spotting identifiers and names.</summary>
public static class WordShape
{
    /// <summary>First character upper case and at least one lower-case letter after it (e.g. "Smith").</summary>
    public static bool IsTitleCase(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || !char.IsUpper(word[0]))
        {
            return false;
        }

        for (int i = 1; i < word.Length; i++)
        {
            if (char.IsLower(word[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every letter upper case and at least one letter (e.g. "SMITH", "MRN").</summary>
    public static bool IsAllUpper(ReadOnlySpan<char> word)
    {
        bool letter = false;
        foreach (char c in word)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            letter |= char.IsLetter(c);
        }

        return letter;
    }

    /// <summary>Starts with an upper-case letter.</summary>
    public static bool IsCapitalized(ReadOnlySpan<char> word) => !word.IsEmpty && char.IsUpper(word[0]);

    /// <summary>Holds at least one digit.</summary>
    public static bool HasDigit(ReadOnlySpan<char> word)
    {
        foreach (char c in word)
        {
            if (char.IsAsciiDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A compact shape: runs of upper case become "X", lower case "x", digits "d", other characters
    /// themselves; runs longer than one are marked by doubling ("Xx", "XX", "dd").
    /// </summary>
    public static string Of(ReadOnlySpan<char> word)
    {
        Span<char> shape = stackalloc char[Math.Min(16, word.Length * 2)];
        int length = 0;
        char previous = '\0';
        int run = 0;
        foreach (char c in word)
        {
            char k = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
            if (k == previous)
            {
                run++;
                if (run == 2 && length < shape.Length)
                {
                    shape[length++] = k;
                }

                continue;
            }

            previous = k;
            run = 1;
            if (length < shape.Length)
            {
                shape[length++] = k;
            }
        }

        return new string(shape[..length]);
    }
}
