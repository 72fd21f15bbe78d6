using System.Data.Common;
using DuckDB.NET.Data;

namespace Galen.Data.Store;

/// <summary>What <see cref="DuckDbProbe.Probe"/> found about the embedded DuckDB engine.</summary>
public sealed record DuckDbStatus(bool Opened, string? Version, string? Error);

/// <summary>Opens an in-memory DuckDB database and asks it for its version.</summary>
public static class DuckDbProbe
{
    /// <summary>Never throws; a failure is described in <see cref="DuckDbStatus.Error"/>.</summary>
    public static DuckDbStatus Probe()
    {
        try
        {
            using var connection = new DuckDBConnection("DataSource=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT version()";
            var version = command.ExecuteScalar() as string;
            return new DuckDbStatus(true, version, null);
        }
        catch (Exception e) when (e is DbException or DllNotFoundException or TypeInitializationException or InvalidOperationException)
        {
            return new DuckDbStatus(false, null, e.Message);
        }
    }
}
