using System.CommandLine;
using Galen.Cli.Terminal;
using Galen.Core.Errors;
using Spectre.Console.Testing;

namespace Galen.Cli.Tests;

public sealed class CommandContextTests
{
    private static async Task<(int Code, string Output)> Invoke(Func<Task<int>> body, params string[] args)
    {
        var console = new TestConsole().Width(200);
        var context = new CommandContext(console);
        var root = new RootCommand();
        root.Options.Add(CommandContext.Verbose);
        root.SetAction(context.Run((_, _) => body()));
        int code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        return (code, console.Output);
    }

    [Fact]
    public async Task An_unexpected_exception_is_an_internal_error_with_exit_code_2()
    {
        var (code, output) = await Invoke(() => throw new InvalidOperationException("invariant broken"));

        Assert.Equal(GalenApp.InternalError, code);
        Assert.Contains("Internal error: invariant broken", output, StringComparison.Ordinal);
        Assert.Contains("--verbose", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_galen_input_error_exits_1_and_names_the_location()
    {
        var (code, output) = await Invoke(() => throw new GalenInputException("not a number.", new SourceLocation("labs.csv", 3, "valuenum", "abc")));

        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("Error: labs.csv:3 field 'valuenum' value 'abc': not a number.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Success_passes_the_exit_code_through()
    {
        var (code, _) = await Invoke(() => Task.FromResult(GalenApp.Ok));
        Assert.Equal(GalenApp.Ok, code);
    }
}
