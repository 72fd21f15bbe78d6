using System.CommandLine;
using Galen.Cli.Commands;
using Galen.Cli.Terminal;
using Spectre.Console;

namespace Galen.Cli;

/// <summary>Builds the <c>galen</c> command tree and runs it against a console.</summary>
public static class GalenApp
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code for a problem the user can fix (bad input, bad option).</summary>
    public const int UserError = 1;

    /// <summary>Exit code for a failure inside Galen or its environment.</summary>
    public const int InternalError = 2;

    /// <summary>Parses <paramref name="args"/> and runs the chosen command.</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot(console);
        var configuration = new InvocationConfiguration
        {
            Output = new AnsiConsoleWriter(console),
            Error = new AnsiConsoleWriter(console),
            EnableDefaultExceptionHandler = false,
        };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The command tree; each command lives in its own file under <c>Commands/</c>.</summary>
    public static RootCommand BuildRoot(IAnsiConsole console)
    {
        var context = new CommandContext(console);
        var root = new RootCommand("Galen: turn health records, notes, images and sequences into trained, evaluated and deployed clinical models.");
        root.Options.Add(CommandContext.Verbose);
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(DoctorCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(ModelsCommand.Create(context));
        root.Subcommands.Add(AuditCommand.Create(context));
        root.Subcommands.Add(SynthCommand.Create(context));
        root.Subcommands.Add(DeidCommand.Create(context));
        root.Subcommands.Add(TrainCommand.Create(context));
        root.Subcommands.Add(EvaluateCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(IngestCommand.Create(context));
        return root;
    }
}
