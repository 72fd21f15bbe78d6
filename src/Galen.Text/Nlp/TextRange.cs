namespace Galen.Text.Nlp;

/// <summary>A stretch of a text: [Start, Start + Length) in UTF-16 code units.</summary>
public readonly record struct TextRange(int Start, int Length)
{
    public int End => Start + Length;

    public bool Contains(int position) => position >= Start && position < End;

    /// <summary>The characters of the range in <paramref name="text"/>.</summary>
    public string In(string text) => text.Substring(Start, Length);
}
