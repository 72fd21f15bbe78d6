using Galen.Data.Store;

namespace Galen.Data.Tasks;

/// <summary>
/// Maps visit-level sample keys ("v" + the store's visit id) back to the source's own admission
/// keys (MIMIC HADM_ID, OMOP visit_occurrence_id, FHIR Encounter id), to join samples with
/// information kept outside the store — such as the synthetic hospital's true risks. The keys
/// identify records, so they are for joining only, never for logs or output.
/// </summary>
public static class VisitSourceKeys
{
    /// <summary>Sample key → source admission key, for every visit in the store.</summary>
    public static IReadOnlyDictionary<string, string> Read(ClinicalStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = Sql.Reader(store.Connection, "SELECT visit_occurrence_id, visit_source_value FROM visit_occurrence WHERE visit_source_value IS NOT NULL");
        while (reader.Read())
        {
            keys["v" + reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture)] = reader.GetString(1);
        }

        return keys;
    }
}
