using Apache.Arrow;
using DuckDB.NET.Data;

namespace Galen.Data.Store;

/// <summary>Runs a query and hands its result over as Arrow record batches: columnar, no per-value calls.</summary>
internal static class ArrowQuery
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    public static void ForEachBatch(DuckDBConnection connection, string sql, object?[] parameters, Action<RecordBatch> action, CancellationToken cancellationToken = default)
    {
        using var command = Sql.Command(connection, sql, parameters);
        using var stream = command.ExecuteArrowStream();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = stream.ReadNextRecordBatchAsync(cancellationToken).AsTask().GetAwaiter().GetResult();
            if (batch is null)
            {
                return;
            }

            using (batch)
            {
                action(batch);
            }
        }
    }

    public static long Int64(IArrowArray column, int row) => column switch
    {
        Int64Array a => a.GetValue(row) ?? 0,
        Int32Array a => a.GetValue(row) ?? 0,
        _ => throw new InvalidCastException($"{column.Data.DataType.Name} is not an integer column"),
    };

    public static int Int32(IArrowArray column, int row, int whenNull = 0) => column switch
    {
        Int32Array a => a.GetValue(row) ?? whenNull,
        Int64Array a => a.GetValue(row) is { } v ? (int)v : whenNull,
        Int8Array a => a.GetValue(row) ?? whenNull,
        _ => throw new InvalidCastException($"{column.Data.DataType.Name} is not an integer column"),
    };

    public static long? NullableInt64(IArrowArray column, int row) => column.IsNull(row) ? null : Int64(column, row);

    public static DateTime? Time(IArrowArray column, int row)
    {
        if (column.IsNull(row))
        {
            return null;
        }

        long micros = ((TimestampArray)column).Values[row];
        return new DateTime(UnixEpochTicks + (micros * 10), DateTimeKind.Unspecified);
    }

    public static double Double(IArrowArray column, int row) => column.IsNull(row) ? double.NaN : ((DoubleArray)column).Values[row];

    public static bool Bool(IArrowArray column, int row) => !column.IsNull(row) && ((BooleanArray)column).GetValue(row) == true;

    public static string? Text(IArrowArray column, int row) => column switch
    {
        _ when column.IsNull(row) => null,
        StringArray a => a.GetString(row),
        StringViewArray a => a.GetString(row),
        _ => throw new InvalidCastException($"{column.Data.DataType.Name} is not a text column"),
    };
}
