using System.Globalization;
using System.Text;
using Galen.Data.Store;

namespace Galen.Data.Tests;

/// <summary>A table's content as sorted text rows, to compare stores.</summary>
internal static class StoreDump
{
    public static IReadOnlyList<string> Table(ClinicalStore store, string table)
    {
        var rows = new List<string>();
        using var reader = Sql.Reader(store.Connection, $"SELECT * FROM {table}");
        while (reader.Read())
        {
            var row = new StringBuilder();
            for (int i = 0; i < reader.FieldCount; i++)
            {
                row.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
            }

            rows.Add(row.ToString());
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    public static long Scalar(ClinicalStore store, string sql) => Sql.Scalar<long>(store.Connection, sql);
}
