using System.CommandLine;
using Galen.Core.Errors;
using Spectre.Console;

namespace Galen.Cli.Terminal;

/// <summary>
/// What every command shares: the console it writes to, the global options, and the one
/// place where exceptions become exit codes and messages.
/// </summary>
public sealed class CommandContext(IAnsiConsole console)
{
    /// <summary>Show stack traces and extra detail.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show stack traces and extra detail on errors.",
        Recursive = true,
    };

    public IAnsiConsole Console { get; } = console;

    /// <summary>
    /// Wraps a command body: Galen user errors exit 1 with their message, cancellation exits 1
    /// with a note, anything else exits 2. Stack traces only with --verbose.
    /// </summary>
    public Func<ParseResult, CancellationToken, Task<int>> Run(Func<ParseResult, CancellationToken, Task<int>> body)
    {
        return async (parse, cancellationToken) =>
        {
            bool verbose = parse.GetValue(Verbose);
            try
            {
                return await body(parse, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.MarkupLine("[yellow]Cancelled.[/]");
                return GalenApp.UserError;
            }
            catch (GalenException e) when (e.IsUserError)
            {
                Console.MarkupLine("[red]Error:[/] " + Markup.Escape(e.Message));
                if (verbose)
                {
                    Console.WriteException(e);
                }

                return GalenApp.UserError;
            }
#pragma warning disable CA1031 // The CLI is the outermost boundary: every failure becomes an exit code.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Console.MarkupLine("[red]Internal error:[/] " + Markup.Escape(e.Message));
                if (verbose)
                {
                    Console.WriteException(e);
                }
                else
                {
                    Console.MarkupLine("[grey]Run again with --verbose for the stack trace.[/]");
                }

                return GalenApp.InternalError;
            }
        };
    }
}
