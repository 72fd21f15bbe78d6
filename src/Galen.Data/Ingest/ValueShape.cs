using System.Globalization;
using System.Text;

namespace Galen.Data.Ingest;

/// <summary>
/// Describes a field's value without repeating it, so messages and logs never carry patient
/// data: "empty", "text of 7 characters", "a number".
/// </summary>
internal static class ValueShape
{
    public static string Describe(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return "empty";
        }

        int characters = Encoding.UTF8.GetCharCount(value);
        bool digits = true;
        foreach (byte b in value)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                digits = false;
                break;
            }
        }

        return digits
            ? string.Create(CultureInfo.InvariantCulture, $"{characters} digits")
            : string.Create(CultureInfo.InvariantCulture, $"text of {characters} characters");
    }

    public static string Describe(string? value) => value is null ? "empty" : Describe(Encoding.UTF8.GetBytes(value));
}
