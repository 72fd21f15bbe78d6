namespace Galen.Cli.Tests;

public sealed class ModelsAndAuditCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "galen-cli-models-" + Guid.NewGuid().ToString("N"));

    public ModelsAndAuditCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Registry => Path.Combine(_folder, "registry");

    private string Bundle(string content)
    {
        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".bundle");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Register_promote_and_rollback_change_the_production_version_and_are_audited()
    {
        string lineage = Path.Combine(_folder, "lineage.json");
        File.WriteAllText(lineage, """{"dataFingerprint":"sha256:abc","taskParameters":{"task":"mortality"},"configuration":{"seed":"42"},"metrics":{"auroc":0.812}}""");

        Assert.Equal(GalenApp.Ok, (await CliRun.RunAsync("models", "register", "mortality", Bundle("v1"), "--format", "test/x", "--lineage", lineage, "--registry", Registry, "--actor", "alice")).ExitCode);
        Assert.Equal(GalenApp.Ok, (await CliRun.RunAsync("models", "register", "mortality", Bundle("v2"), "--format", "test/x", "--registry", Registry, "--actor", "alice")).ExitCode);
        Assert.Equal(GalenApp.Ok, (await CliRun.RunAsync("models", "promote", "mortality", "1", "--registry", Registry, "--actor", "bob")).ExitCode);
        var (promoteCode, promoted) = await CliRun.RunAsync("models", "promote", "mortality", "2", "--registry", Registry, "--actor", "bob");
        var (rollbackCode, rolledBack) = await CliRun.RunAsync("models", "rollback", "mortality", "--registry", Registry, "--actor", "carol", "--reason", "too many alerts");
        var (_, list) = await CliRun.RunAsync("models", "list", "--registry", Registry);
        var (_, show) = await CliRun.RunAsync("models", "show", "mortality", "--registry", Registry);
        var (verifyCode, verified) = await CliRun.RunAsync("audit", "verify", Path.Combine(Registry, "audit", "audit.jsonl"));

        Assert.Equal(GalenApp.Ok, promoteCode);
        Assert.Contains("mortality@2 is in production; mortality@1 archived", promoted, StringComparison.Ordinal);
        Assert.Equal(GalenApp.Ok, rollbackCode);
        Assert.Contains("mortality@1 is back in production; mortality@2 archived", rolledBack, StringComparison.Ordinal);
        Assert.Matches(@"mortality\s+│\s+1\s+│\s+production", list);
        Assert.Matches(@"mortality\s+│\s+2\s+│\s+archived", list);
        Assert.Contains("auroc 0.812", list, StringComparison.Ordinal);
        Assert.Contains("sha256:abc", show, StringComparison.Ordinal);
        Assert.Contains("too many alerts", show, StringComparison.Ordinal);
        Assert.Equal(GalenApp.Ok, verifyCode);
        Assert.Contains("intact: 5 records", verified, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_verify_exits_1_and_names_the_line_of_an_edited_record()
    {
        await CliRun.RunAsync("models", "register", "mortality", Bundle("v1"), "--format", "test/x", "--registry", Registry, "--actor", "alice");
        await CliRun.RunAsync("models", "promote", "mortality", "1", "--registry", Registry, "--actor", "alice");
        string log = Path.Combine(Registry, "audit", "audit.jsonl");
        var lines = File.ReadAllLines(log);
        lines[1] = lines[1].Replace("alice", "mallory", StringComparison.Ordinal);
        File.WriteAllLines(log, lines);

        var (code, output) = await CliRun.RunAsync("audit", "verify", log);

        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("line 2: record 2 was edited", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promoting_an_unknown_version_is_a_user_error_that_says_how_to_find_the_versions()
    {
        await CliRun.RunAsync("models", "register", "mortality", Bundle("v1"), "--format", "test/x", "--registry", Registry);

        var (code, output) = await CliRun.RunAsync("models", "promote", "mortality", "7", "--registry", Registry);

        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("Model mortality has no version 7", output, StringComparison.Ordinal);
        Assert.Contains("galen models list", output, StringComparison.Ordinal);
    }
}
