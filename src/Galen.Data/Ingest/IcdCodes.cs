using Galen.Core.Clinical;
using Galen.Data.Store;

namespace Galen.Data.Ingest;

/// <summary>
/// ICD codes as sources write them (MIMIC drops the dot: <c>I509</c>) to the dotted form Galen
/// stores (<c>I50.9</c>): ICD-10-CM and ICD-9-CM diagnoses after the 3rd character (4th for
/// ICD-9 E codes), ICD-9 procedures after the 2nd; ICD-10-PCS has no dot.
/// </summary>
public static class IcdCodes
{
    /// <summary>The stored form of <paramref name="code"/> in <paramref name="system"/>; null when it is not a plausible code.</summary>
    public static string? Normalize(string system, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        Span<char> bare = stackalloc char[code.Length];
        int n = 0;
        foreach (char c in code)
        {
            if (c is '.' or ' ')
            {
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c))
            {
                return null;
            }

            bare[n++] = char.ToUpperInvariant(c);
        }

        if (n < 2 || n > 8)
        {
            return null;
        }

        var text = new string(bare[..n]);
        int dotAfter = system switch
        {
            CodeSystems.Icd10Cm => 3,
            CodeSystems.Icd9Cm => text[0] == 'E' ? 4 : 3,
            LocalVocabularies.Icd9Proc => 2,
            _ => 0,
        };
        return dotAfter > 0 && n > dotAfter ? string.Concat(text.AsSpan(0, dotAfter), ".", text.AsSpan(dotAfter)) : text;
    }

    /// <summary>The category of a diagnosis code: the part before the dot ("I50.9" → "I50").</summary>
    public static string Category(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        int dot = code.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? code : code[..dot];
    }
}
