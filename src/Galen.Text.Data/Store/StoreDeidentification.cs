using System.Text.Json;
using System.Text.Json.Nodes;
using Galen.Text.Deid.Pipeline;

namespace Galen.Text.Data.Store;

/// <summary>What de-identifying a store did: rows written per table, and the note pipeline's manifest (counts only, never values).</summary>
/// <param name="OutputPath">The de-identified store file.</param>
/// <param name="Tables">Rows read and written per table, in the order written.</param>
/// <param name="Notes">The note pipeline's manifest; its failures are notes left out of the output (listed, never dropped silently).</param>
/// <param name="PatientsAgedOver89">Patients whose date of birth was moved so that no age above 90 can be read from the output.</param>
/// <param name="Fingerprint">The output store's data fingerprint (differs from the source's, so task caches never mix them).</param>
public sealed record StoreDeidentification(
    string OutputPath,
    IReadOnlyList<TableCount> Tables,
    DeidManifest Notes,
    int PatientsAgedOver89,
    string Fingerprint)
{
    /// <summary>
    /// The run's manifest as indented JSON: the note pipeline's manifest (operator, counts of
    /// replacements per PHI type, failed notes) plus rows per table; file names, never values.
    /// </summary>
    public string ToJson()
    {
        var root = JsonNode.Parse(DeidRunner.ToJson(Notes))!.AsObject();
        var tables = new JsonArray();
        foreach (var table in Tables)
        {
            tables.Add(new JsonObject { ["table"] = table.Table, ["rows_read"] = table.Read, ["rows_written"] = table.Written });
        }

        root["store"] = new JsonObject
        {
            ["output"] = Path.GetFileName(OutputPath),
            ["fingerprint"] = Fingerprint,
            ["patients_aged_over_89"] = PatientsAgedOver89,
            ["tables"] = tables,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}

/// <summary>Rows of one table read from the source store and written to the de-identified one.</summary>
/// <param name="Table">The table.</param>
/// <param name="Read">Rows read.</param>
/// <param name="Written">Rows written (fewer only for notes that failed, listed in the manifest).</param>
public sealed record TableCount(string Table, long Read, long Written);
