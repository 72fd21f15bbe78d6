using Galen.Core.Errors;

namespace Galen.Text.Corpus;

/// <summary>
/// A line of a note with slots in braces ("{patient} is a {age}-year-old …"). Rendering appends
/// the literal parts through the literal function (where a generator may add noise) and
/// asks the slot writer to append each slot's value (PHI slots record their spans).
/// </summary>
public static class NoteTemplate
{
    /// <summary>Renders <paramref name="template"/> into <paramref name="builder"/>.</summary>
    public static void Render(string template, AnnotatedTextBuilder builder, Action<string, AnnotatedTextBuilder> slot, Func<string, string>? literal = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(slot);
        int i = 0;
        while (i < template.Length)
        {
            int open = template.IndexOf('{', i);
            if (open < 0)
            {
                builder.Append(literal is null ? template[i..] : literal(template[i..]));
                break;
            }

            if (open > i)
            {
                builder.Append(literal is null ? template[i..open] : literal(template[i..open]));
            }

            int close = template.IndexOf('}', open);
            if (close < 0)
            {
                throw new GalenInternalException($"Template has an unclosed slot at {open}: {template}");
            }

            slot(template[(open + 1)..close], builder);
            i = close + 1;
        }
    }

    /// <summary>The fixed text of a template: its literal pieces (slots removed), for separation checks.</summary>
    public static IEnumerable<string> LiteralPieces(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        int i = 0;
        while (i < template.Length)
        {
            int open = template.IndexOf('{', i);
            string piece = open < 0 ? template[i..] : template[i..open];
            if (piece.Length > 0)
            {
                yield return piece;
            }

            if (open < 0)
            {
                yield break;
            }

            i = template.IndexOf('}', open) + 1;
        }
    }
}
