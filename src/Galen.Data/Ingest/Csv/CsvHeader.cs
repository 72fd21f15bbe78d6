using Galen.Core.Errors;

namespace Galen.Data.Ingest.Csv;

/// <summary>A CSV header with case-insensitive column lookup, allowing the alternative names formats use.</summary>
internal sealed class CsvHeader(string source, IReadOnlyList<string> names)
{
    public IReadOnlyList<string> Names { get; } = names;

    public int Count => Names.Count;

    /// <summary>Index of the first of <paramref name="candidates"/> present (case-insensitive), or -1.</summary>
    public int Find(params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            for (int i = 0; i < Names.Count; i++)
            {
                if (string.Equals(Names[i], candidate, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>Index of a column the table cannot do without; a clear error when it is absent.</summary>
    public int Require(params string[] candidates)
    {
        int index = Find(candidates);
        if (index < 0)
        {
            string wanted = string.Join(" or ", candidates);
            throw new GalenInputException(
                $"the header has no column {wanted}.",
                new SourceLocation(source, 1, candidates[0]),
                "Check the file is the table its name says; column names are matched case-insensitively (see docs/data-formats.md).");
        }

        return index;
    }
}
