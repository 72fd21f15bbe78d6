using Galen.Core.Errors;

namespace Galen.Data.Ingest.Csv;

/// <summary>
/// Finds a format's tables in a folder of CSV files: <c>TABLE.csv</c> or <c>TABLE.csv.gz</c>,
/// names matched case-insensitively; other files are reported as not being tables.
/// </summary>
internal static class CsvFolder
{
    /// <param name="session">Where files that are not tables are reported.</param>
    /// <param name="folder">The folder.</param>
    /// <param name="tables">The format's table names, upper case.</param>
    /// <param name="what">The format in words, for errors ("MIMIC-style CSV tables").</param>
    /// <param name="example">Files the user should point at, for errors.</param>
    public static Dictionary<string, SourceFile> Discover(IngestSession session, string folder, IReadOnlyList<string> tables, string what, string example)
    {
        if (!Directory.Exists(folder))
        {
            throw new GalenInputException($"is not a folder of {what}.", new SourceLocation(folder), $"Give the folder that holds {example}.");
        }

        var found = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            string table = TableOf(name);
            if (!tables.Contains(table))
            {
                session.NotATable(name);
                continue;
            }

            if (found.TryGetValue(table, out var other))
            {
                throw new GalenInputException($"two files hold {table}: {other.Name} and {name}.", new SourceLocation(folder), "Keep one file per table.");
            }

            found[table] = new SourceFile(path, table);
        }

        if (found.Count == 0)
        {
            throw new GalenInputException($"holds none of the {what} ({example}, optionally .gz).", new SourceLocation(folder));
        }

        return found;
    }

    /// <summary>"labevents.csv.gz" → "LABEVENTS"; empty when the name is not <c>*.csv</c> or <c>*.csv.gz</c>.</summary>
    private static string TableOf(string fileName)
    {
        string name = fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? fileName[..^3] : fileName;
        return name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? name[..^4].ToUpperInvariant() : string.Empty;
    }
}
