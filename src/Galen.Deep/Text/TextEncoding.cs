using System.Globalization;
using Galen.Core.Errors;

namespace Galen.Deep.Text;

/// <summary>
/// What a text classifier learned about reading text: the tokenizer, the vocabulary, and how
/// many tokens of each text it reads (the first <see cref="MaxTokens"/>).
/// </summary>
/// <param name="Tokenizer">How texts are cut into tokens.</param>
/// <param name="Vocabulary">The known words.</param>
/// <param name="MaxTokens">Tokens read per text; the rest are counted in <see cref="EncodedTexts.TruncatedTokens"/>.</param>
public sealed record TextEncoding(TextTokenizer Tokenizer, WordVocabulary Vocabulary, int MaxTokens)
{
    /// <summary>Encodes texts; a text without a single token is refused with its position.</summary>
    /// <param name="texts">The texts.</param>
    /// <param name="source">Name of the texts for error messages.</param>
    public EncodedTexts Encode(IReadOnlyList<string> texts, string source = "texts")
    {
        ArgumentNullException.ThrowIfNull(texts);
        var start = new int[texts.Count + 1];
        var tokens = new List<int>(texts.Count * Math.Min(MaxTokens, 256));
        long unknown = 0;
        long truncated = 0;
        for (int i = 0; i < texts.Count; i++)
        {
            string text = texts[i] ?? throw new GalenInputException("The text is missing (null).", new SourceLocation(source, i + 1));
            int kept = 0;
            var enumerator = Tokenizer.Enumerate(text);
            while (enumerator.MoveNext())
            {
                if (kept == MaxTokens)
                {
                    truncated++;
                    continue;
                }

                int index = Vocabulary.IndexOf(enumerator.Current);
                unknown += index == WordVocabulary.Unknown ? 1 : 0;
                tokens.Add(index);
                kept++;
            }

            if (kept == 0)
            {
                throw new GalenInputException(
                    "The text has no words to read.",
                    new SourceLocation(source, i + 1, "text", string.Create(CultureInfo.InvariantCulture, $"{text.Length} characters without a word")),
                    "Remove empty notes before training or scoring.");
            }

            start[i + 1] = tokens.Count;
        }

        return new EncodedTexts(start, tokens.ToArray(), unknown, truncated);
    }
}
