using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Galen.Cli.Terminal;
using Galen.Core.Errors;
using Galen.Serve.Audit;
using Galen.Serve.Registry;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary>
/// <c>galen models list|show|register|promote|rollback</c>: the model registry from the command
/// line. Every change is written to the registry's audit log with who made it.
/// </summary>
public static class ModelsCommand
{
    private static readonly Option<string> Registry = new("--registry")
    {
        Description = "The model registry's folder.",
        DefaultValueFactory = _ => "registry",
        Recursive = true,
    };

    private static readonly Option<string> Actor = new("--actor")
    {
        Description = "Who makes the change, for the registry history and the audit log.",
        DefaultValueFactory = _ => Environment.UserName,
        Recursive = true,
    };

    private static readonly Option<string?> Reason = new("--reason")
    {
        Description = "Why, in a few words (kept in the history and the audit log).",
        Recursive = true,
    };

    private static readonly Argument<string> ModelId = new("model") { Description = "Model id, e.g. in-hospital-mortality." };

    private static readonly Argument<int> Version = new("version") { Description = "Version number." };

    public static Command Create(CommandContext context)
    {
        var command = new Command("models", "List, inspect, register, promote and roll back model versions in the registry.");
        command.Options.Add(Registry);
        command.Options.Add(Actor);
        command.Options.Add(Reason);
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Register(context));
        command.Subcommands.Add(Promote(context));
        command.Subcommands.Add(Rollback(context));
        return command;
    }

    private static ModelRegistry Open(ParseResult parse)
    {
        string root = Path.GetFullPath(parse.GetValue(Registry)!);
        if (!Directory.Exists(root))
        {
            throw new GalenInputException($"No registry at {root}.", remedy: "Pass --registry, or register a model first.");
        }

        return ModelRegistry.Open(new RegistryOptions(root));
    }

    private static async Task AuditAsync(ModelRegistry registry, AuditEvent auditEvent)
    {
        await using var log = new AuditLog(registry.Options.DefaultAuditLogPath);
        await log.AppendAsync(auditEvent).ConfigureAwait(false);
    }

    private static Command List(CommandContext context)
    {
        var command = new Command("list", "Every version of every model, with its stage.");
        command.SetAction(context.Run((parse, _) =>
        {
            var entries = Open(parse).List();
            var table = new Table().Border(TableBorder.Rounded).Title("[bold]models[/]");
            foreach (var column in new[] { "model", "version", "stage", "title", "format", "registered", "by", "key metrics" })
            {
                table.AddColumn(column);
            }

            foreach (var e in entries)
            {
                string stage = e.Stage switch { ModelStage.Production => "[green]production[/]", ModelStage.Staging => "[yellow]staging[/]", _ => "[grey]archived[/]" };
                table.AddRow(
                    Markup.Escape(e.ModelId), e.Version.ToString(CultureInfo.InvariantCulture), stage, Markup.Escape(e.Title), Markup.Escape(e.Format),
                    e.RegisteredAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Markup.Escape(e.RegisteredBy),
                    Markup.Escape(string.Join(", ", e.Lineage.Metrics.Select(m => $"{m.Key} {m.Value.ToString("0.###", CultureInfo.InvariantCulture)}"))));
            }

            context.Console.Write(table);
            if (entries.Count == 0)
            {
                context.Console.MarkupLine("The registry is empty.");
            }

            return Task.FromResult(GalenApp.Ok);
        }));
        return command;
    }

    private static Command Show(CommandContext context)
    {
        var command = new Command("show", "One model: its versions, lineage and stage history.");
        command.Arguments.Add(ModelId);
        command.SetAction(context.Run((parse, _) =>
        {
            var registry = Open(parse);
            string id = parse.GetValue(ModelId)!;
            var entries = registry.List(id);
            if (entries.Count == 0)
            {
                throw new RegistryException($"No model {id} is registered.", "Run `galen models list` to see the registered models.");
            }

            foreach (var e in entries)
            {
                var grid = new Grid().AddColumn().AddColumn();
                grid.AddRow("stage", ModelRegistry.StageName(e.Stage));
                grid.AddRow("title", Markup.Escape(e.Title));
                grid.AddRow("format", Markup.Escape(e.Format));
                grid.AddRow("bundle", Markup.Escape($"{e.BundlePath} ({e.BundleBytes} bytes, sha256 {e.BundleSha256})"));
                grid.AddRow("data fingerprint", Markup.Escape(e.Lineage.DataFingerprint));
                grid.AddRow("task", Markup.Escape(string.Join(", ", e.Lineage.TaskParameters.Select(p => $"{p.Key}={p.Value}"))));
                grid.AddRow("configuration", Markup.Escape(string.Join(", ", e.Lineage.Configuration.Select(p => $"{p.Key}={p.Value}"))));
                grid.AddRow("metrics", Markup.Escape(string.Join(", ", e.Lineage.Metrics.Select(p => $"{p.Key}={p.Value.ToString("0.####", CultureInfo.InvariantCulture)}"))));
                grid.AddRow("registered", Markup.Escape($"{e.RegisteredAt:u} by {e.RegisteredBy}"));
                context.Console.Write(new Panel(grid).Header($"[bold]{Markup.Escape(e.Key)}[/]"));
            }

            var history = new Table().Border(TableBorder.Rounded).Title("[bold]stage history[/]");
            foreach (var column in new[] { "#", "version", "from", "to", "by", "when", "why" })
            {
                history.AddColumn(column);
            }

            foreach (var c in registry.History(id))
            {
                history.AddRow(c.Sequence.ToString(CultureInfo.InvariantCulture), c.Version.ToString(CultureInfo.InvariantCulture), c.From is null ? "—" : ModelRegistry.StageName(c.From.Value), ModelRegistry.StageName(c.To), Markup.Escape(c.Actor), c.At.ToString("u", CultureInfo.InvariantCulture), Markup.Escape(c.Reason));
            }

            context.Console.Write(history);
            return Task.FromResult(GalenApp.Ok);
        }));
        return command;
    }

    private static Command Register(CommandContext context)
    {
        var bundle = new Argument<string>("bundle") { Description = "The bundle file to register." };
        var format = new Option<string>("--format") { Description = "Bundle format (picks the loader when served), e.g. galen-bundle/lightgbm.", Required = true };
        var title = new Option<string?>("--title") { Description = "The model in words." };
        var lineage = new Option<string?>("--lineage") { Description = "JSON file with dataFingerprint, taskParameters, configuration and metrics." };
        var command = new Command("register", "Copy a bundle into the registry as the next version of a model (in staging).");
        command.Arguments.Add(ModelId);
        command.Arguments.Add(bundle);
        command.Options.Add(format);
        command.Options.Add(title);
        command.Options.Add(lineage);
        command.SetAction(context.Run(async (parse, _) =>
        {
            string root = Path.GetFullPath(parse.GetValue(Registry)!);
            var registry = ModelRegistry.Open(new RegistryOptions(root));
            string id = parse.GetValue(ModelId)!;
            var modelLineage = parse.GetValue(lineage) is { } lineageFile ? ReadLineage(lineageFile) : ModelLineage.Of("unknown");
            var entry = registry.Register(new ModelRegistration(id, parse.GetValue(format)!, parse.GetValue(bundle)!, parse.GetValue(title) ?? id, modelLineage, parse.GetValue(Actor)!));
            await AuditAsync(registry, new AuditEvent(AuditEvent.Actions.Register, parse.GetValue(Actor)!, entry.ModelId, entry.Version, entry.BundleSha256, parse.GetValue(Reason) ?? "registered in staging")).ConfigureAwait(false);
            context.Console.MarkupLine($"Registered [bold]{Markup.Escape(entry.Key)}[/] in staging (sha256 {entry.BundleSha256[..12]}…).");
            return GalenApp.Ok;
        }));
        return command;
    }

    private static Command Promote(CommandContext context)
    {
        var command = new Command("promote", "Make a version the production version (the previous one is archived).");
        command.Arguments.Add(ModelId);
        command.Arguments.Add(Version);
        command.SetAction(context.Run(async (parse, _) =>
        {
            var registry = Open(parse);
            string reason = parse.GetValue(Reason) ?? "promoted";
            var previous = registry.Production().FirstOrDefault(e => e.ModelId == parse.GetValue(ModelId));
            var entry = registry.Promote(parse.GetValue(ModelId)!, parse.GetValue(Version), parse.GetValue(Actor)!, reason);
            await AuditAsync(registry, new AuditEvent(AuditEvent.Actions.Promote, parse.GetValue(Actor)!, entry.ModelId, entry.Version, entry.BundleSha256, previous is null ? reason : $"{reason}; archived {previous.Key}")).ConfigureAwait(false);
            context.Console.MarkupLine($"[green]{Markup.Escape(entry.Key)} is in production[/]{(previous is null ? string.Empty : $"; {Markup.Escape(previous.Key)} archived")}. A running service picks it up within seconds.");
            return GalenApp.Ok;
        }));
        return command;
    }

    private static Command Rollback(CommandContext context)
    {
        var command = new Command("rollback", "Put the previous production version back and archive the current one.");
        command.Arguments.Add(ModelId);
        command.SetAction(context.Run(async (parse, _) =>
        {
            var registry = Open(parse);
            string id = parse.GetValue(ModelId)!;
            var current = registry.Production().FirstOrDefault(e => e.ModelId == id);
            string reason = parse.GetValue(Reason) ?? "rolled back";
            var entry = registry.Rollback(id, parse.GetValue(Actor)!, reason);
            await AuditAsync(registry, new AuditEvent(AuditEvent.Actions.Rollback, parse.GetValue(Actor)!, entry.ModelId, entry.Version, entry.BundleSha256, $"{reason}; archived {current?.Key}")).ConfigureAwait(false);
            context.Console.MarkupLine($"[green]{Markup.Escape(entry.Key)} is back in production[/]; {Markup.Escape(current?.Key ?? "?")} archived.");
            return GalenApp.Ok;
        }));
        return command;
    }

    private static ModelLineage ReadLineage(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelLineage>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))
                ?? throw new GalenInputException("The lineage file is empty.", new SourceLocation(path));
        }
        catch (JsonException e)
        {
            throw new GalenInputException($"The lineage file is not valid: {e.Message}", new SourceLocation(path, (e.LineNumber ?? 0) + 1, e.Path));
        }
        catch (FileNotFoundException)
        {
            throw new GalenInputException($"The lineage file {path} does not exist.");
        }
    }
}
