namespace Galen.Text.Deid.Pipeline;

/// <summary>Limits that keep one bad file from exhausting memory or time; files beyond them are reported and skipped.</summary>
/// <param name="MaxBytes">Largest file read.</param>
/// <param name="MaxLineCharacters">Longest line accepted (a sign of a binary or broken file).</param>
public sealed record NoteReadLimits(long MaxBytes = 16L * 1024 * 1024, int MaxLineCharacters = 100_000);
