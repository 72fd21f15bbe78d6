using System.Globalization;
using System.Text;

namespace Galen.Core.Errors;

/// <summary>
/// Where in a user's input a problem lies: a file (or resource), a line or record number,
/// a field, and a description of the offending value. Rendered as
/// <c>file:line field 'value'</c>.
/// </summary>
/// <param name="Source">File path, table name or FHIR resource reference.</param>
/// <param name="Line">1-based line or record number, when the source has lines.</param>
/// <param name="Field">Column, property or option name.</param>
/// <param name="Value">The offending value, or a PHI-free description of it.</param>
public sealed record SourceLocation(string Source, long? Line = null, string? Field = null, string? Value = null)
{
    public override string ToString()
    {
        var text = new StringBuilder(Source);
        if (Line is { } line)
        {
            text.Append(':').Append(line.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(Field))
        {
            text.Append(" field '").Append(Field).Append('\'');
        }

        if (Value is not null)
        {
            text.Append(" value '").Append(Value).Append('\'');
        }

        return text.ToString();
    }
}
