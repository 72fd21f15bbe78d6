using System.CommandLine;
using System.Globalization;
using Galen.Cli.Terminal;
using Galen.Core.Errors;
using Galen.Serve.Audit;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary>
/// <c>galen audit verify</c>: checks the audit log's hash chain and anchor. Exit 0 when intact,
/// 1 when any record was edited, inserted, deleted or the tail truncated.
/// </summary>
public static class AuditCommand
{
    public static Command Create(CommandContext context)
    {
        var log = new Argument<string>("log")
        {
            Description = "The audit log (default: registry/audit/audit.jsonl).",
            DefaultValueFactory = _ => Path.Combine("registry", "audit", "audit.jsonl"),
        };
        var expectHead = new Option<string?>("--expect-head")
        {
            Description = "A head (seq:hash) recorded earlier outside this machine; catches a rewrite of the log and its anchor together.",
        };
        var verify = new Command("verify", "Check that no audit record was edited, inserted or deleted, and that the tail is whole.");
        verify.Arguments.Add(log);
        verify.Options.Add(expectHead);
        verify.SetAction(context.Run((parse, _) =>
        {
            string path = Path.GetFullPath(parse.GetValue(log)!);
            AuditAnchor? expected = null;
            if (parse.GetValue(expectHead) is { } head)
            {
                var parts = head.Split(':', 2);
                if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long sequence) || parts[1].Length != 64)
                {
                    throw new GalenConfigurationException($"--expect-head must be SEQ:SHA256 as printed by an earlier verify (got '{head}').");
                }

                expected = new AuditAnchor(sequence, parts[1]);
            }

            var result = AuditVerifier.Verify(path, expected);
            foreach (var problem in result.Problems)
            {
                context.Console.MarkupLine($"[red]✗[/] {(problem.Line is { } line ? $"line {line}: " : string.Empty)}{Markup.Escape(problem.Problem)}");
            }

            if (result.Intact)
            {
                context.Console.MarkupLine($"[green]✓ intact[/]: {result.Records} records, chain and anchor agree.");
                if (result.Head is { } h)
                {
                    context.Console.MarkupLine($"head {h} — keep this somewhere else and pass it to --expect-head next time.");
                }

                return Task.FromResult(GalenApp.Ok);
            }

            context.Console.MarkupLine($"[red]The audit log {Markup.Escape(path)} has been tampered with or damaged ({result.Problems.Count} problem(s)).[/]");
            return Task.FromResult(GalenApp.UserError);
        }));
        var command = new Command("audit", "Work with the audit log of predictions and registry changes.");
        command.Subcommands.Add(verify);
        return command;
    }
}
