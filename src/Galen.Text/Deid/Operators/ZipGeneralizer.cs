using Galen.Text.Deid.Lexicons;

namespace Galen.Text.Deid.Operators;

/// <summary>
/// Safe Harbor ZIP codes: only the first three digits are kept, and "000" replaces the prefixes
/// whose areas hold 20,000 people or fewer (the list shipped in resources/sparse-zip3.txt).
/// </summary>
public static class ZipGeneralizer
{
    private static readonly HashSet<string> Sparse = new(EmbeddedLists.Lines("sparse-zip3.txt"), StringComparer.Ordinal);

    /// <summary>The three-digit prefix of <paramref name="zip"/>, "000" for sparse areas; null when it holds no five digits.</summary>
    public static string? ToZip3(string zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        Span<char> digits = stackalloc char[3];
        int count = 0;
        int total = 0;
        foreach (char c in zip)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count < 3)
                {
                    digits[count++] = c;
                }

                total++;
            }
        }

        if (total < 5)
        {
            return null;
        }

        string prefix = new(digits);
        return Sparse.Contains(prefix) ? "000" : prefix;
    }

    /// <summary>True when the prefix is one of the sparse three-digit areas.</summary>
    public static bool IsSparse(string zip3) => Sparse.Contains(zip3);
}
