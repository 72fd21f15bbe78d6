namespace Galen.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_lists_every_command_with_a_description()
    {
        var (code, output) = await CliRun.RunAsync("--help");

        Assert.Equal(GalenApp.Ok, code);
        Assert.Matches(@"demo\s+Run Galen's main job", output);
        Assert.Matches(@"doctor\s+Check the environment", output);
        Assert.Matches(@"serve\s+Serve the registry's production models", output);
        Assert.Matches(@"models\s+List, inspect, register", output);
        Assert.Matches(@"audit\s+Work with the audit log", output);
    }

    [Fact]
    public async Task Doctor_reports_libtorch_and_duckdb_loaded()
    {
        var (code, output) = await CliRun.RunAsync("doctor");

        Assert.Equal(GalenApp.Ok, code);
        Assert.Matches(@"libtorch\s+│\s+ok\s+│\s+2\.10", output);
        Assert.Matches(@"DuckDB\s+│\s+ok\s+│\s+v1\.", output);
        Assert.Contains("Galen is ready.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_option_value_is_a_user_error_with_a_clear_message_and_no_stack_trace()
    {
        var (code, output) = await CliRun.RunAsync("demo", "--patients", "10");

        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("--patients must be at least 100 (got 10)", output, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Galen.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_shows_the_stack_trace_for_a_user_error()
    {
        var (code, output) = await CliRun.RunAsync("demo", "--patients", "10", "--verbose");

        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("GalenConfigurationException", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_a_user_error()
    {
        var (code, output) = await CliRun.RunAsync("transmogrify");

        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("transmogrify", output, StringComparison.Ordinal);
    }
}
