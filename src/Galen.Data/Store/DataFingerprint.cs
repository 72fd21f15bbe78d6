using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;

namespace Galen.Data.Store;

/// <summary>
/// Identifies a store's content: a SHA-256 over the schema version and the content hash of
/// every file ever ingested into it (sorted). Ingest is deterministic, so the same files give
/// the same store and the same fingerprint; any new file changes it. Task caches key on it.
/// </summary>
internal static class DataFingerprint
{
    public static string Compute(DuckDBConnection connection)
    {
        var text = new StringBuilder();
        text.Append("galen-store-schema ").Append(StoreSchema.Version.ToString(CultureInfo.InvariantCulture)).Append('\n');
        using var reader = Sql.Reader(connection, "SELECT format, table_name, content_hash FROM ingest_file ORDER BY format, table_name, content_hash");
        while (reader.Read())
        {
            text.Append(reader.GetString(0)).Append(' ').Append(reader.GetString(1)).Append(' ').Append(reader.GetString(2)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
