namespace Galen.Deep.Text;

/// <summary>How text is cut into tokens.</summary>
public enum TokenizerKind
{
    /// <summary>
    /// Words of running text: runs of letters and digits, with a decimal point or thousands
    /// comma kept inside a number (<c>37.1</c>, <c>1,000</c>); other characters separate words
    /// and are dropped, or kept as one-character tokens when punctuation is kept.
    /// </summary>
    Words,

    /// <summary>Whatever whitespace separates, unchanged (codes such as <c>I50.23</c>, pre-tokenised text).</summary>
    Whitespace,
}
