using System.Globalization;
using DuckDB.NET.Data;

namespace Galen.Text.Data.Store;

/// <summary>The few DuckDB calls the store de-identification makes: statements, scalars, appending rows of CLR values.</summary>
internal static class StoreSql
{
    public static DuckDBConnection Open(string path, bool readOnly)
    {
        var connection = new DuckDBConnection("DataSource=" + path + (readOnly ? ";ACCESS_MODE=READ_ONLY" : string.Empty));
        connection.Open();
        return connection;
    }

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public static IEnumerable<string> Columns(DuckDBConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position";
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    /// <summary>Appends one row of CLR values (null, long, int, short, sbyte, bool, double, float, decimal, DateTime, string).</summary>
    public static void Append(DuckDBAppender appender, object?[] values)
    {
        var row = appender.CreateRow();
        foreach (var value in values)
        {
            switch (value)
            {
                case null:
                    row.AppendNullValue();
                    break;
                case long l:
                    row.AppendValue((long?)l);
                    break;
                case int i:
                    row.AppendValue((int?)i);
                    break;
                case short s:
                    row.AppendValue((short?)s);
                    break;
                case sbyte b:
                    row.AppendValue((sbyte?)b);
                    break;
                case byte u:
                    row.AppendValue((byte?)u);
                    break;
                case bool flag:
                    row.AppendValue((bool?)flag);
                    break;
                case double d:
                    row.AppendValue((double?)d);
                    break;
                case float f:
                    row.AppendValue((float?)f);
                    break;
                case decimal m:
                    row.AppendValue((decimal?)m);
                    break;
                case DateTime t:
                    row.AppendValue((DateTime?)t);
                    break;
                case string text:
                    row.AppendValue(text);
                    break;
                default:
                    row.AppendValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        row.EndRow();
    }
}
