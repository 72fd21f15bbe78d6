using System.Text;
using Galen.Core.Privacy;

namespace Galen.Data.Synthetic.Notes;

/// <summary>Builds a note's text and records where each piece of PHI lands in it.</summary>
internal sealed class NoteBuilder
{
    private readonly StringBuilder _text = new(4096);
    private readonly List<PhiSpan> _spans = [];

    public int Length => _text.Length;

    public void Append(string text) => _text.Append(text);

    public void Append(char c) => _text.Append(c);

    /// <summary>Appends PHI and annotates exactly its characters.</summary>
    public void AppendPhi(string text, PhiType type)
    {
        if (text.Length == 0)
        {
            return;
        }

        _spans.Add(new PhiSpan(_text.Length, text.Length, type));
        _text.Append(text);
    }

    /// <summary>Removes text appended after <paramref name="length"/> together with its spans (used to drop an empty line).</summary>
    public void Truncate(int length)
    {
        _text.Length = length;
        _spans.RemoveAll(s => s.Start >= length);
    }

    public char? LastChar => _text.Length == 0 ? null : _text[^1];

    public (string Text, IReadOnlyList<PhiSpan> Spans) Build() => (_text.ToString(), _spans.ToArray());
}
