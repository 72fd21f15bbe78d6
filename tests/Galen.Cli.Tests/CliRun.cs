using Spectre.Console.Testing;

namespace Galen.Cli.Tests;

/// <summary>Runs the galen command in-process against a recording console.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(200);
        int code = await GalenApp.RunAsync(args, console);
        return (code, console.Output);
    }
}
