namespace Galen.Deep.Models.Text;

/// <summary>What a sequence-to-sequence model wrote for one source.</summary>
/// <param name="Text">The words joined back into text (punctuation attached).</param>
/// <param name="Tokens">The words written, without the end marker.</param>
/// <param name="LogProbability">Natural-log probability of the words and the end marker (when written).</param>
/// <param name="Finished">True when the model ended the text itself; false when it reached the maximum length.</param>
public sealed record GeneratedText(string Text, IReadOnlyList<string> Tokens, double LogProbability, bool Finished);
