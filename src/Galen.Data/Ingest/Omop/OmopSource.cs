using System.Globalization;
using Galen.Data.Ingest.Csv;

namespace Galen.Data.Ingest.Omop;

/// <summary>
/// Finds OMOP CDM v5.4 CSV tables in a folder (<c>person.csv</c> … <c>concept.csv</c>, names
/// case-insensitive, optionally .gz, comma- or tab-separated) and ingests them, concepts first,
/// then parents before children, one transaction per file.
/// </summary>
internal static class OmopSource
{
    public static readonly string[] Tables =
    [
        "CONCEPT", "PERSON", "DEATH", "VISIT_OCCURRENCE", "VISIT_DETAIL", "CONDITION_OCCURRENCE", "PROCEDURE_OCCURRENCE",
        "DRUG_EXPOSURE", "MEASUREMENT", "OBSERVATION", "NOTE",
    ];

    public static void Ingest(IngestSession session, string folder)
    {
        var files = CsvFolder.Discover(session, folder, Tables, "OMOP CDM CSV tables", "person.csv, visit_occurrence.csv, concept.csv, …");
        if (!files.ContainsKey("CONCEPT") && Sql(session) == 0)
        {
            session.Note("No concept.csv: codes are kept as their *_source_value under vocabulary UNKNOWN.");
        }

        var concepts = new OmopConcepts(session);
        foreach (var table in Tables)
        {
            if (files.TryGetValue(table, out var file))
            {
                session.InTransaction(() =>
                {
                    var context = session.BeginFile(file, table);
                    if (context is null)
                    {
                        return;
                    }

                    OmopTables.Ingest(session, context, concepts, table);
                    session.CompleteFile(context, table);
                });
            }
        }

        if (concepts.Fallbacks > 0)
        {
            session.Note(string.Create(CultureInfo.InvariantCulture, $"{concepts.Fallbacks:N0} codes were not in concept.csv and are kept as their *_source_value under vocabulary UNKNOWN."));
        }
    }

    private static long Sql(IngestSession session) => Store.Sql.Scalar<long>(session.Connection, "SELECT count(*) FROM omop_concept");
}
