using Galen.Cli.Commands;
using Galen.Serve.Audit;
using Galen.Serve.Hosting;
using Galen.Serve.Registry;
using Galen.Serve.Security;
using Spectre.Console;

namespace Galen.Cli.Demo;

/// <summary>A model an earlier demo stage saved as a bundle, ready to register and serve.</summary>
/// <param name="ModelId">Registry id, e.g. <c>in-hospital-mortality</c>.</param>
/// <param name="Format">Bundle format (its loader must be installed in <see cref="Serving.ServeAdapters"/>).</param>
/// <param name="BundleFile">The bundle file.</param>
/// <param name="Title">The model in words.</param>
/// <param name="Lineage">Data fingerprint, task, configuration and metrics.</param>
public sealed record ServableModel(string ModelId, string Format, string BundleFile, string Title, ModelLineage Lineage);

/// <summary>What earlier stages offer for serving; a training stage adds its bundles here with <c>context.Set</c>.</summary>
public sealed record ServableModels(IReadOnlyList<ServableModel> Models);

/// <summary>
/// <c>galen demo --serve</c>: registers the demo's bundles in <c>OUT/registry</c>, promotes them,
/// and serves them on 127.0.0.1 with a fresh admin API key, printing the URL, the key and a
/// sample request, until Ctrl+C.
/// </summary>
public sealed class ServeStage : IDemoStage
{
    public string Title => "serve the demo's models (--serve)";

    public async Task RunAsync(DemoContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Options.Serve)
        {
            context.Console.MarkupLine("Skipped; run [bold]galen demo --serve[/] to serve the models over REST, FHIR and CDS Hooks.");
            return;
        }

        var servable = context.Find<ServableModels>();
        if (servable is null || servable.Models.Count == 0)
        {
            context.Console.MarkupLine("[yellow]No earlier stage saved a model bundle, so there is nothing to serve yet.[/]");
            return;
        }

        var registry = ModelRegistry.Open(new RegistryOptions(Path.Combine(context.WorkDirectory, "registry")));
        await using (var audit = new AuditLog(registry.Options.DefaultAuditLogPath))
        {
            foreach (var model in servable.Models)
            {
                var entry = registry.Register(new ModelRegistration(model.ModelId, model.Format, model.BundleFile, model.Title, model.Lineage, "galen-demo"));
                registry.Promote(entry.ModelId, entry.Version, "galen-demo", "demo");
                await audit.AppendAsync(new AuditEvent(AuditEvent.Actions.Promote, "galen-demo", entry.ModelId, entry.Version, entry.BundleSha256, "demo"), cancellationToken).ConfigureAwait(false);
                context.Console.MarkupLine($"Registered and promoted [bold]{Markup.Escape(entry.Key)}[/].");
            }
        }

        string key = ApiKeys.Generate();
        var options = new ServeOptions
        {
            RegistryRoot = registry.Root,
            Security = new SecurityOptions { ApiKeys = [new ApiKeyGrant("demo-admin", ApiKeys.Hash(key), GalenRoles.All)] },
        };
        await ServeCommand.RunAsync(context.Console, options, key, Path.Combine(context.WorkDirectory, "store"), cancellationToken).ConfigureAwait(false);
    }
}
