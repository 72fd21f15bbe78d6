using System.Text;
using Galen.Core.Privacy;

namespace Galen.Text.Corpus;

/// <summary>Builds a note's text piece by piece and records where each piece of PHI lands.</summary>
public sealed class AnnotatedTextBuilder
{
    private readonly StringBuilder _text = new(2048);
    private readonly List<PhiSpan> _spans = [];

    /// <summary>Characters written so far.</summary>
    public int Length => _text.Length;

    /// <summary>Appends text that is not PHI.</summary>
    public AnnotatedTextBuilder Append(string text)
    {
        _text.Append(text);
        return this;
    }

    /// <summary>Appends a PHI value and records its span.</summary>
    public AnnotatedTextBuilder Append(string value, PhiType type)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0)
        {
            _spans.Add(new PhiSpan(_text.Length, value.Length, type));
            _text.Append(value);
        }

        return this;
    }

    /// <summary>The text written so far.</summary>
    public string Text => _text.ToString();

    /// <summary>The spans recorded so far, in order.</summary>
    public IReadOnlyList<PhiSpan> Spans => _spans;

    /// <summary>The finished note.</summary>
    public AnnotatedNote Build(string noteId, string? subjectId, string? hadmId, string? category) =>
        new(noteId, subjectId, hadmId, _text.ToString(), _spans.ToArray(), category);
}
