using System.Globalization;
using Galen.Core.Errors;

namespace Galen.Data.Ingest.Mimic;

/// <summary>
/// Finds the MIMIC-III / MIMIC-IV tables in a folder (file names matched case-insensitively,
/// <c>.csv</c> or <c>.csv.gz</c>) and ingests them parents first, one transaction per file.
/// </summary>
internal static class MimicSource
{
    /// <summary>Tables in the order they are read: patients before admissions before everything that refers to them.</summary>
    public static readonly string[] Tables =
    [
        "PATIENTS", "ADMISSIONS", "ICUSTAYS", "D_LABITEMS", "D_ITEMS", "DIAGNOSES_ICD", "PROCEDURES_ICD",
        "PRESCRIPTIONS", "LABEVENTS", "CHARTEVENTS", "NOTEEVENTS",
    ];

    public static void Ingest(IngestSession session, string folder)
    {
        var files = Discover(session, folder);
        foreach (var table in Tables)
        {
            if (!files.TryGetValue(table, out var file))
            {
                continue;
            }

            session.InTransaction(() =>
            {
                var context = session.BeginFile(file, table);
                if (context is null)
                {
                    return;
                }

                MimicTables.Ingest(session, context, table);
                session.CompleteFile(context, table);
            });
        }
    }

    private static Dictionary<string, SourceFile> Discover(IngestSession session, string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new GalenInputException("is not a folder of MIMIC-style CSV tables.", new SourceLocation(folder), "Give the folder that holds PATIENTS.csv, ADMISSIONS.csv, ….");
        }

        var found = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            string table = TableOf(name);
            if (Array.IndexOf(Tables, table) < 0)
            {
                session.NotATable(name);
                continue;
            }

            if (found.TryGetValue(table, out var other))
            {
                throw new GalenInputException(
                    $"two files hold {table}: {other.Name} and {name}.",
                    new SourceLocation(folder),
                    "Keep one file per table.");
            }

            found[table] = new SourceFile(path, table);
        }

        if (found.Count == 0)
        {
            throw new GalenInputException("holds no MIMIC table (PATIENTS.csv, ADMISSIONS.csv, … or .csv.gz).", new SourceLocation(folder));
        }

        return found;
    }

    private static string TableOf(string fileName)
    {
        string name = fileName;
        foreach (var suffix in new[] { ".gz", ".csv" })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^suffix.Length];
            }
        }

        return fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase)
            ? name.ToUpper(CultureInfo.InvariantCulture)
            : string.Empty;
    }
}
