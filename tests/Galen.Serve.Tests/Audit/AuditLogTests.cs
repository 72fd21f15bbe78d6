using Galen.Serve.Audit;

namespace Galen.Serve.Tests.Audit;

public sealed class AuditLogTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "galen-audit-test-" + Guid.NewGuid().ToString("N"));

    private string LogPath => Path.Combine(_folder, "audit.jsonl");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<string[]> WriteAsync(int records)
    {
        await using (var log = new AuditLog(LogPath))
        {
            await Task.WhenAll(Enumerable.Range(0, records).Select(i =>
                log.AppendAsync(new AuditEvent(AuditEvent.Actions.Prediction, "key:test", "mortality", 1, new string((char)('a' + (i % 6)), 64), "rest"))));
        }

        return File.ReadAllLines(LogPath);
    }

    [Fact]
    public async Task Concurrent_appends_form_one_unbroken_chain_and_the_anchor_names_its_head()
    {
        var lines = await WriteAsync(200);

        var result = AuditVerifier.Verify(LogPath);

        Assert.True(result.Intact, string.Join("; ", result.Problems));
        Assert.Equal(200, result.Records);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), lines.Select(l => AuditLineFormat.Parse(l)!.Record.Sequence));
        Assert.Equal(AuditAnchor.Read(LogPath), result.Head);
    }

    [Fact]
    public async Task Two_writers_on_one_file_continue_each_others_chain()
    {
        await using (var service = new AuditLog(LogPath))
        await using (var cli = new AuditLog(LogPath))
        {
            for (int i = 0; i < 20; i++)
            {
                await (i % 2 == 0 ? service : cli).AppendAsync(new AuditEvent(AuditEvent.Actions.Promote, "writer-" + (i % 2)));
            }
        }

        var result = AuditVerifier.Verify(LogPath);
        Assert.True(result.Intact, string.Join("; ", result.Problems));
        Assert.Equal(20, result.Records);
    }

    [Fact]
    public async Task An_edited_line_is_detected_at_that_line()
    {
        var lines = await WriteAsync(10);
        lines[4] = lines[4].Replace("key:test", "key:someone-else", StringComparison.Ordinal);
        File.WriteAllLines(LogPath, lines);

        var result = AuditVerifier.Verify(LogPath);

        Assert.False(result.Intact);
        Assert.Contains(result.Problems, p => p.Line == 5 && p.Problem.Contains("was edited", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_inserted_line_is_detected_even_when_it_carries_a_valid_hash_of_its_own()
    {
        var lines = await WriteAsync(10);
        var forged = AuditLineFormat.Format(5, DateTimeOffset.UtcNow, new AuditEvent(AuditEvent.Actions.Promote, "key:mallory", "mortality", 9), AuditLineFormat.Parse(lines[3])!.Record.Hash).Line;
        var tampered = lines.Take(4).Append(forged).Concat(lines.Skip(4)).ToArray();
        File.WriteAllLines(LogPath, tampered);

        var result = AuditVerifier.Verify(LogPath);

        Assert.False(result.Intact);
        Assert.Contains(result.Problems, p => p.Line == 6);
    }

    [Fact]
    public async Task A_deleted_line_is_detected_where_the_chain_breaks()
    {
        var lines = await WriteAsync(10);
        File.WriteAllLines(LogPath, lines.Where((_, i) => i != 6));

        var result = AuditVerifier.Verify(LogPath);

        Assert.False(result.Intact);
        Assert.Contains(result.Problems, p => p.Line == 7 && p.Problem.Contains("1 record(s) deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_truncated_tail_is_detected_through_the_anchor()
    {
        var lines = await WriteAsync(10);
        File.WriteAllLines(LogPath, lines.Take(7));

        var result = AuditVerifier.Verify(LogPath);

        Assert.False(result.Intact);
        Assert.Contains(result.Problems, p => p.Line is null && p.Problem.Contains("tail was truncated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rewrite_of_log_and_anchor_together_is_caught_only_by_an_anchor_kept_elsewhere()
    {
        var lines = await WriteAsync(10);
        var kept = AuditVerifier.Verify(LogPath).Head!;
        File.WriteAllLines(LogPath, lines.Take(6));
        var sixth = AuditLineFormat.Parse(lines[5])!.Record;
        new AuditAnchor(sixth.Sequence, sixth.Hash).Write(LogPath);

        Assert.True(AuditVerifier.Verify(LogPath).Intact);
        var withExternal = AuditVerifier.Verify(LogPath, kept);
        Assert.False(withExternal.Intact);
        Assert.Contains(withExternal.Problems, p => p.Problem.Contains("tail was truncated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_an_fsync_per_write_records_are_readable_at_once_and_the_anchor_catches_up_within_the_sync_interval()
    {
        await using var log = new AuditLog(LogPath, syncEachWrite: false, syncInterval: TimeSpan.FromMilliseconds(50));
        for (int i = 0; i < 10; i++)
        {
            await log.AppendAsync(new AuditEvent(AuditEvent.Actions.Prediction, "key:test", "mortality", 1, new string('b', 64)));
        }

        Assert.Equal(10, File.ReadAllLines(LogPath).Length);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (AuditAnchor.Read(LogPath)?.Sequence != 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(10, AuditAnchor.Read(LogPath)!.Sequence);
        Assert.True(AuditVerifier.Verify(LogPath).Intact);
    }
}
