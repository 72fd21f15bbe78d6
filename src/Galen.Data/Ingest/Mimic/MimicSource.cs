using Galen.Data.Ingest.Csv;

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
        var files = CsvFolder.Discover(session, folder, Tables, "MIMIC-style CSV tables", "PATIENTS.csv, ADMISSIONS.csv, …");
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
}
