using DuckDB.NET.Data;
using Galen.Data.Store;

namespace Galen.Data.Tests.Ingest;

public sealed class TableWriterTests
{
    [Fact]
    public void Rows_from_more_batches_than_the_pool_holds_are_stored_whole_and_in_order()
    {
        // Enough rows to fill every batch of the pool and reuse some (each batch is one row
        // group: FlushEvery chunks), with a partly filled chunk and batch at the end.
        long rows = ((TableWriter.MaxBatches + 3L) * TableWriter.FlushEvery * TableWriter.ChunkRows) + 123;
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Sql.Execute(connection, "CREATE TABLE t (position BIGINT, label VARCHAR)");
        Sql.Execute(connection, "BEGIN TRANSACTION");
        using (var queue = new AppendQueue())
        using (var writer = new TableWriter(connection, "t", queue))
        {
            for (long i = 0; i < rows; i++)
            {
                writer.Int64(i).Text(i % 1000 == 7 ? $"row {i}" : null).EndRow();
            }

            writer.Flush();
            queue.Drain();
            writer.Close();
        }

        Sql.Execute(connection, "COMMIT");
        Assert.Equal(rows, Sql.Scalar<long>(connection, "SELECT count(*) FROM t"));
        Assert.Equal(0L, Sql.Scalar<long>(connection, "SELECT count(*) FROM t WHERE position <> rowid"));
        Assert.Equal((rows + 992) / 1000, Sql.Scalar<long>(connection, "SELECT count(*) FROM t WHERE label = 'row ' || position AND position % 1000 = 7"));
        Assert.Equal(0L, Sql.Scalar<long>(connection, "SELECT count(*) FROM t WHERE (label IS NULL) <> (position % 1000 <> 7)"));
    }

    [Fact]
    public void A_writer_disposed_without_closing_stores_none_of_its_queued_batches()
    {
        // The abort path: the session drains the queue, disposes the writers and rolls back;
        // rows still held by a batch must not be stored on the way.
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Sql.Execute(connection, "CREATE TABLE t (position BIGINT)");
        using (var queue = new AppendQueue())
        {
            var writer = new TableWriter(connection, "t", queue);
            for (long i = 0; i < 5000; i++)
            {
                writer.Int64(i).EndRow();
            }

            writer.Dispose();
        }

        Assert.Equal(0L, Sql.Scalar<long>(connection, "SELECT count(*) FROM t"));
    }
}
