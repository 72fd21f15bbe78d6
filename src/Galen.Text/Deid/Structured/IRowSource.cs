namespace Galen.Text.Deid.Structured;

/// <summary>
/// A table to de-identify, read row by row so any size streams through. Values are CLR values
/// (string, long, double, DateTime, DateOnly, DateTimeOffset, null). The in-memory
/// <see cref="InMemoryTable"/> implements it; the DuckDB store's tables plug in the same way.
/// </summary>
public interface IRowSource
{
    TableSchema Schema { get; }

    /// <summary>The rows, each with one value per column of <see cref="Schema"/>.</summary>
    IEnumerable<object?[]> Rows();
}

/// <summary>A table held in memory.</summary>
public sealed class InMemoryTable(TableSchema schema, IReadOnlyList<object?[]> rows) : IRowSource
{
    public TableSchema Schema { get; } = schema;

    public IEnumerable<object?[]> Rows() => rows;
}
