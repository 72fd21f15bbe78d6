using System.Data.Common;
using DuckDB.NET.Data;
using Galen.Text.Deid.Structured;

namespace Galen.Text.Data.Store;

/// <summary>
/// A store table read row by row (a DuckDB reader, so any size streams through), as the
/// <see cref="IRowSource"/> that <see cref="TableDeidentifier"/> reads. Columns come in the order
/// of <see cref="Schema"/>; rows in the order of the table's key.
/// </summary>
internal sealed class StoreRowSource(DuckDBConnection connection, TableSchema schema, string? orderBy = null) : IRowSource
{
    public TableSchema Schema { get; } = schema;

    /// <summary>Rows in the table.</summary>
    public long Count => Convert.ToInt64(StoreSql.Scalar(connection, $"SELECT count(*) FROM {Schema.Name}"), System.Globalization.CultureInfo.InvariantCulture);

    public IEnumerable<object?[]> Rows()
    {
        string columns = string.Join(", ", Schema.Columns.Select(c => c.Name));
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {columns} FROM {Schema.Name}{(orderBy is null ? string.Empty : " ORDER BY " + orderBy)}";
        using DbDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new object?[Schema.Columns.Count];
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = reader.IsDBNull(c) ? null : reader.GetValue(c);
            }

            yield return row;
        }
    }
}
