namespace Galen.Data.Ingest;

/// <summary>
/// Anatomical Therapeutic Chemical codes: level 1 <c>A</c>, 2 <c>A10</c>, 3 <c>A10B</c>,
/// 4 <c>A10BA</c>, 5 <c>A10BA02</c>.
/// </summary>
public static class AtcCodes
{
    private static readonly int[] LevelLengths = [1, 3, 4, 5, 7];

    /// <summary>True for an upper-case code of a valid shape at any level.</summary>
    public static bool IsValid(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (Array.IndexOf(LevelLengths, code.Length) < 0)
        {
            return false;
        }

        for (int i = 0; i < code.Length; i++)
        {
            bool letter = i is 0 or 3 or 4;
            if (letter ? !char.IsAsciiLetterUpper(code[i]) : !char.IsAsciiDigit(code[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The code cut to <paramref name="level"/> (1–5), or null when the code is shorter than that level.</summary>
    public static string? AtLevel(string code, int level)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 5);
        int length = LevelLengths[level - 1];
        return code.Length >= length ? code[..length] : null;
    }
}
