using System.Globalization;
using Galen.Cli.Commands;
using Galen.Cli.Serving;
using Galen.Core.Bundles;
using Galen.Evaluation.Metrics;
using Galen.Serve.Audit;
using Galen.Serve.Hosting;
using Galen.Serve.Registry;
using Galen.Serve.Security;
using Spectre.Console;

namespace Galen.Cli.Demo;

/// <summary>
/// <c>galen demo --serve</c>: registers the demo's trained models in <c>OUT/registry</c>,
/// promotes them, and serves them (with the demo's clinical store, when there is one) on
/// 127.0.0.1 with a fresh admin API key, printing the URL, the key and sample requests, until
/// Ctrl+C. The models are those an earlier stage offers as <see cref="ServableModels"/>; without
/// that, the best bundle (by AUROC) of each data set in <c>OUT/models</c>. Beside each, the
/// sequence networks trained on the same data set (the demo's ts-gru) are served under
/// <c>{id}-{network}</c>, e.g. <c>in-hospital-mortality-ts-gru</c>.
/// </summary>
public sealed class ServeStage(int port = ServeStage.DefaultPort) : IDemoStage
{
    /// <summary>The port the demo serves on unless told otherwise.</summary>
    public const int DefaultPort = 8470;

    public string Title => "serve the demo's models (--serve)";

    public async Task RunAsync(DemoContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Options.Serve)
        {
            context.Console.MarkupLine("Skipped; run [bold]galen demo --serve[/] to serve the models over REST, FHIR and CDS Hooks.");
            return;
        }

        var servable = WithSequenceNetworks(context.Find<ServableModels>()?.Models ?? FromBundles(Path.Combine(context.WorkDirectory, "models")));
        if (servable.Count == 0)
        {
            context.Console.MarkupLine("[yellow]No earlier stage saved a model bundle, so there is nothing to serve yet.[/]");
            return;
        }

        var registry = ModelRegistry.Open(new RegistryOptions(Path.Combine(context.WorkDirectory, "registry")));
        await using (var audit = new AuditLog(registry.Options.DefaultAuditLogPath))
        {
            foreach (var model in servable)
            {
                var entry = registry.Register(new ModelRegistration(model.ModelId, model.Format, model.BundleFile, model.Title, model.Lineage, "galen-demo"));
                await audit.AppendAsync(new AuditEvent(AuditEvent.Actions.Register, "galen-demo", entry.ModelId, entry.Version, entry.BundleSha256, "demo"), cancellationToken).ConfigureAwait(false);
                registry.Promote(entry.ModelId, entry.Version, "galen-demo", "demo");
                await audit.AppendAsync(new AuditEvent(AuditEvent.Actions.Promote, "galen-demo", entry.ModelId, entry.Version, entry.BundleSha256, "demo"), cancellationToken).ConfigureAwait(false);
                context.Console.MarkupLine($"Registered and promoted [bold]{Markup.Escape(entry.Key)}[/] ({Markup.Escape(model.Title)}).");
            }
        }

        string? store = context.Find<ClinicalDataResult>()?.StorePath;
        string key = ApiKeys.Generate();
        var options = new ServeOptions
        {
            RegistryRoot = registry.Root,
            Port = port,
            Security = new SecurityOptions { ApiKeys = [new ApiKeyGrant("demo-admin", ApiKeys.Hash(key), GalenRoles.All)] },
        };
        await ServeCommand.RunAsync(context.Console, options, key, store is not null && File.Exists(store) ? store : null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The best bundle (highest AUROC in its manifest) of each data set in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<ServableModel> FromBundles(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*" + ModelBundle.Extension)
            .Order(StringComparer.Ordinal)
            .Select(path => (Path: path, Manifest: ModelBundle.ReadManifest(path)))
            .Where(b => b.Manifest.Family == "tabular" && b.Manifest.Schema.Kind == Core.Learning.LabelKind.Binary)
            .GroupBy(b => b.Manifest.Properties.GetValueOrDefault("dataset") ?? b.Manifest.Schema.Name, StringComparer.Ordinal)
            .Select(g => g.MaxBy(b => b.Manifest.Metrics.GetValueOrDefault(MetricNames.Auroc, double.NegativeInfinity)))
            .Select(b => new ServableModel(
                ModelId(b.Manifest.Properties.GetValueOrDefault("dataset") ?? b.Manifest.Schema.Name),
                ServedBundleFormats.Tabular,
                b.Path,
                string.Create(CultureInfo.InvariantCulture, $"{b.Manifest.Schema.Description} ({b.Manifest.Name})"),
                ServingLineage.FromManifest(b.Manifest)))
            .ToArray();
    }

    /// <summary>
    /// <paramref name="models"/>, each followed by the visit-sequence and time-series networks whose
    /// bundles lie beside its bundle and were trained on the same data set, as
    /// <c>{id}-{network}</c>. Their bundles record the task and feature options, so the service
    /// builds their inputs as training did.
    /// </summary>
    public static IReadOnlyList<ServableModel> WithSequenceNetworks(IReadOnlyList<ServableModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var result = new List<ServableModel>();
        foreach (var model in models)
        {
            result.Add(model);
            if (!File.Exists(model.BundleFile) || Path.GetDirectoryName(Path.GetFullPath(model.BundleFile)) is not { } folder
                || ModelBundle.ReadManifest(model.BundleFile).Properties.GetValueOrDefault("dataset") is not { } dataset)
            {
                continue;
            }

            foreach (string path in Directory.EnumerateFiles(folder, "*" + ModelBundle.Extension).Order(StringComparer.Ordinal))
            {
                var manifest = ModelBundle.ReadManifest(path);
                if (manifest.Family == "deep" && manifest.Schema.Kind == Core.Learning.LabelKind.Binary
                    && manifest.Properties.GetValueOrDefault("dataset") == dataset
                    && manifest.Properties.GetValueOrDefault(Learning.ModelBundles.InputsProperty) is Learning.TaskExperiment.SeriesInputs or Learning.TaskExperiment.VisitInputs)
                {
                    result.Add(new ServableModel(
                        ModelId(model.ModelId + "-" + manifest.Name),
                        ServedBundleFormats.Deep,
                        path,
                        string.Create(CultureInfo.InvariantCulture, $"{manifest.Schema.Description} ({manifest.Name})"),
                        ServingLineage.FromManifest(manifest)));
                }
            }
        }

        return result;
    }

    /// <summary>A registry id from a data-set name: lower-case letters, digits and dashes.</summary>
    private static string ModelId(string name)
    {
        var id = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return id.Length == 0 ? "model" : id[..Math.Min(64, id.Length)];
    }
}
