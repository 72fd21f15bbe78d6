using DuckDB.NET.Data;

namespace Galen.Data.Store;

/// <summary>Small statements against the store, with positional <c>?</c> parameters.</summary>
internal static class Sql
{
    public static int Execute(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    public static T? Scalar<T>(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static DuckDBDataReader Reader(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        var command = Command(connection, sql, parameters);
        return command.ExecuteReader(System.Data.CommandBehavior.Default);
    }

    public static DuckDBCommand Command(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter ?? DBNull.Value));
        }

        return command;
    }
}
