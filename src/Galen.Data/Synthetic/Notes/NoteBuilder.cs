using System.Text;
using Galen.Core.Privacy;

namespace Galen.Data.Synthetic.Notes;

/// <summary>
/// Builds a note's text and records where each piece of PHI lands in it. One builder per thread
/// is reused from note to note (<see cref="Rent"/>), so writing notes does not churn large buffers.
/// </summary>
internal sealed class NoteBuilder
{
    [ThreadStatic]
    private static NoteBuilder? _cached;

    private readonly StringBuilder _text = new(4096);
    private readonly List<PhiSpan> _spans = new(64);

    /// <summary>This thread's builder, emptied.</summary>
    public static NoteBuilder Rent()
    {
        var builder = _cached ??= new NoteBuilder();
        builder._text.Clear();
        builder._spans.Clear();
        return builder;
    }

    public int Length => _text.Length;

    public void Append(string text) => _text.Append(text);

    public void Append(ReadOnlySpan<char> text) => _text.Append(text);

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

    /// <summary>Appends PHI given as a span of characters and annotates exactly them.</summary>
    public void AppendPhi(ReadOnlySpan<char> text, PhiType type)
    {
        if (text.Length == 0)
        {
            return;
        }

        _spans.Add(new PhiSpan(_text.Length, text.Length, type));
        _text.Append(text);
    }

    public (string Text, IReadOnlyList<PhiSpan> Spans) Build() => (_text.ToString(), _spans.ToArray());
}
