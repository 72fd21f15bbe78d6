using System.Globalization;
using System.Text;
using Galen.Core.Errors;

namespace Galen.Data.Synthetic.Notes;

/// <summary>A piece of a parsed template.</summary>
internal abstract record TemplateSegment;

/// <summary>Text written as is.</summary>
internal sealed record LiteralSegment(string Text) : TemplateSegment;

/// <summary>A <c>{name}</c> or <c>{name:argument}</c> slot filled by the composer.</summary>
internal sealed record SlotSegment(string Name, string? Argument) : TemplateSegment;

/// <summary>A <c>[?p]…[/?]</c> block kept with probability p.</summary>
internal sealed record OptionalSegment(double Probability, IReadOnlyList<TemplateSegment> Body) : TemplateSegment;

/// <summary>
/// A note template or phrase parsed once into segments: literal text, <c>{slot}</c>s and
/// optional <c>[?p]…[/?]</c> blocks (not nested).
/// </summary>
internal sealed class TemplateText
{
    private TemplateText(IReadOnlyList<TemplateSegment> segments) => Segments = segments;

    public IReadOnlyList<TemplateSegment> Segments { get; }

    /// <summary>Every slot name used, including inside optional blocks.</summary>
    public IEnumerable<SlotSegment> Slots => Segments.SelectMany(s => s switch
    {
        SlotSegment slot => [slot],
        OptionalSegment optional => optional.Body.OfType<SlotSegment>(),
        _ => [],
    });

    /// <param name="text">The template.</param>
    /// <param name="source">File name, for error messages.</param>
    /// <param name="line">1-based line the template starts on, for error messages.</param>
    public static TemplateText Parse(string text, string source, int line)
    {
        var top = new List<TemplateSegment>();
        List<TemplateSegment>? optional = null;
        double probability = 0;
        var literal = new StringBuilder();
        int currentLine = line;

        void Flush()
        {
            if (literal.Length > 0)
            {
                (optional ?? top).Add(new LiteralSegment(literal.ToString()));
                literal.Clear();
            }
        }

        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n')
            {
                currentLine++;
            }

            if (c == '{')
            {
                int close = text.IndexOf('}', i + 1);
                if (close < 0)
                {
                    throw new GalenInputException("A slot opened with '{' is never closed.", new SourceLocation(source, currentLine), "Close the slot with '}'.");
                }

                Flush();
                string slot = text[(i + 1)..close];
                int colon = slot.IndexOf(':', StringComparison.Ordinal);
                (optional ?? top).Add(colon < 0 ? new SlotSegment(slot, null) : new SlotSegment(slot[..colon], slot[(colon + 1)..]));
                i = close + 1;
                continue;
            }

            if (c == '[' && i + 1 < text.Length && text[i + 1] == '?')
            {
                int close = text.IndexOf(']', i);
                if (optional is not null || close < 0
                    || !double.TryParse(text[(i + 2)..close], NumberStyles.Float, CultureInfo.InvariantCulture, out probability)
                    || probability is < 0 or > 1)
                {
                    throw new GalenInputException("An optional block must look like [?0.3]…[/?] with a probability between 0 and 1, and cannot be nested.",
                        new SourceLocation(source, currentLine, null, text[i..Math.Min(text.Length, i + 12)]));
                }

                Flush();
                optional = [];
                i = close + 1;
                continue;
            }

            if (c == '[' && string.CompareOrdinal(text, i, "[/?]", 0, 4) == 0)
            {
                if (optional is null)
                {
                    throw new GalenInputException("'[/?]' closes no optional block.", new SourceLocation(source, currentLine));
                }

                Flush();
                top.Add(new OptionalSegment(probability, optional));
                optional = null;
                i += 4;
                continue;
            }

            literal.Append(c);
            i++;
        }

        if (optional is not null)
        {
            throw new GalenInputException("An optional block '[?p]' is never closed with '[/?]'.", new SourceLocation(source, currentLine));
        }

        Flush();
        return new TemplateText(top);
    }
}
