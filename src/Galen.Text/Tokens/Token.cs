namespace Galen.Text.Tokens;

/// <summary>
/// A token of a text: a run of letters and digits (with inner apostrophes, as in O'Brien), or
/// one punctuation character. Whitespace is never a token. Offsets are UTF-16 code units.
/// </summary>
/// <param name="Start">Index of the first character.</param>
/// <param name="Length">Characters in the token.</param>
/// <param name="LineStart">True when only whitespace lies between the previous newline (or the text's start) and the token.</param>
public readonly record struct Token(int Start, int Length, bool LineStart)
{
    public int End => Start + Length;

    /// <summary>The token's characters in <paramref name="text"/>.</summary>
    public ReadOnlySpan<char> In(string text) => text.AsSpan(Start, Length);

    /// <summary>True when the token is a word (starts with a letter or digit).</summary>
    public bool IsWord(string text) => char.IsLetterOrDigit(text[Start]);
}
