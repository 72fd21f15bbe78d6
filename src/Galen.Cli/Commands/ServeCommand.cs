using System.CommandLine;
using Galen.Cli.Serving;
using Galen.Cli.Terminal;
using Galen.Core.Errors;
using Galen.Serve.Hosting;
using Galen.Serve.Security;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary>
/// <c>galen serve</c>: serves the registry's production models over REST, FHIR and CDS Hooks,
/// with the dashboard, on 127.0.0.1 unless told otherwise. Runs until Ctrl+C.
/// </summary>
public static class ServeCommand
{
    private static readonly Option<string> Registry = new("--registry")
    {
        Description = "The model registry's folder.",
        DefaultValueFactory = _ => "registry",
    };

    private static readonly Option<string> Host = new("--host")
    {
        Description = "Address to listen on. Anything but loopback exposes the service to the network: put TLS in front.",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    private static readonly Option<int> Port = new("--port")
    {
        Description = "Port to listen on (0 picks a free one).",
        DefaultValueFactory = _ => 8470,
    };

    private static readonly Option<string?> Config = new("--config")
    {
        Description = "JSON settings: apiKeys (name, keySha256, roles), jwt (signingKey, issuer, audience), cds thresholds, rate limits.",
    };

    private static readonly Option<string?> Store = new("--store")
    {
        Description = "Clinical store for patient predictions and the dashboard.",
    };

    private static readonly Option<bool> JsonLogs = new("--json-logs")
    {
        Description = "Write logs as JSON lines.",
    };

    public static Command Create(CommandContext context)
    {
        var command = new Command("serve", "Serve the registry's production models: REST, FHIR RiskAssessment, CDS Hooks and the clinician dashboard.");
        command.Options.Add(Registry);
        command.Options.Add(Host);
        command.Options.Add(Port);
        command.Options.Add(Config);
        command.Options.Add(Store);
        command.Options.Add(JsonLogs);
        command.SetAction(context.Run(async (parse, cancellationToken) =>
        {
            string registry = Path.GetFullPath(parse.GetValue(Registry)!);
            var options = parse.GetValue(Config) is { } config ? ServeSettingsFile.Read(config, registry) : new ServeOptions { RegistryRoot = registry };
            options = options with { Host = parse.GetValue(Host)!, Port = parse.GetValue(Port), JsonLogs = parse.GetValue(JsonLogs) || options.JsonLogs };
            if (!System.Net.IPAddress.TryParse(options.Host, out _))
            {
                throw new GalenConfigurationException($"--host must be an IP address (got '{options.Host}').");
            }

            string? generatedKey = null;
            if (options.Security.ApiKeys.Count == 0 && options.Security.Jwt is null)
            {
                generatedKey = ApiKeys.Generate();
                options = options with { Security = options.Security with { ApiKeys = [new ApiKeyGrant("local-admin", ApiKeys.Hash(generatedKey), GalenRoles.All)] } };
            }

            await RunAsync(context.Console, options, generatedKey, parse.GetValue(Store), cancellationToken).ConfigureAwait(false);
            return GalenApp.Ok;
        }));
        return command;
    }

    /// <summary>Starts the service, prints where it is and how to call it, and runs until cancelled.</summary>
    public static async Task RunAsync(IAnsiConsole console, ServeOptions options, string? generatedKey, string? storePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(options);
        using var host = ServeHost.CreateHostBuilder(options, services => ServeAdapters.Install(services, options, storePath)).Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        string url = ServeHost.AddressOf(host);
        console.MarkupLine($"[bold]Galen is serving[/] at [link]{Markup.Escape(url)}[/] (registry {Markup.Escape(options.RegistryRoot)})");
        console.MarkupLine($"  dashboard  {Markup.Escape(url)}/dashboard/");
        console.MarkupLine($"  OpenAPI    {Markup.Escape(url)}/openapi/v1.json");
        console.MarkupLine($"  readiness  {Markup.Escape(url)}/health/ready");
        console.MarkupLine($"  audit log  {Markup.Escape(options.ResolvedAuditLogPath)}");
        if (generatedKey is not null)
        {
            // The key on a line of its own that fits 80 columns, as a shell assignment, so a narrow
            // terminal never folds it and the sample requests below can be pasted as they are.
            console.MarkupLine("  API key (all roles, this run only; --config gives lasting keys):");
            console.MarkupLine($"  [yellow]GALEN_KEY={generatedKey}[/]");
            console.MarkupLine($"  try        curl -s -H \"X-Api-Key: $GALEN_KEY\" {Markup.Escape(url)}/api/models");
        }

        var catalog = (Galen.Serve.Models.ModelCatalog)host.Services.GetService(typeof(Galen.Serve.Models.ModelCatalog))!;
        var registry = (Galen.Serve.Registry.ModelRegistry)host.Services.GetService(typeof(Galen.Serve.Registry.ModelRegistry))!;
        var deadline = DateTime.UtcNow.AddSeconds(registry.Production().Count > 0 ? 10 : 0);
        while (!catalog.Ready && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        foreach (var problem in catalog.Problems)
        {
            console.MarkupLine($"  [red]not served[/] {Markup.Escape(problem)}");
        }

        if (catalog.Models.Values.OrderBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault() is { } sample && generatedKey is not null)
        {
            string features = string.Join(", ", sample.Features.Take(3).Select(f => $"\"{f.Name}\": 1.0"));
            console.MarkupLine($"  predict    curl -s -X POST -H \"X-Api-Key: $GALEN_KEY\" -H 'Content-Type: application/json' -d '{{\"features\": {{{Markup.Escape(features)}}}, \"reasons\": 3}}' {Markup.Escape(url)}/api/models/{Markup.Escape(sample.Id)}/predict");
            if (await StorePatientSampleAsync(host.Services, catalog, cancellationToken).ConfigureAwait(false) is { } patient)
            {
                console.MarkupLine($"  patient    curl -s -H \"X-Api-Key: $GALEN_KEY\" '{Markup.Escape(url)}/api/patients/{Markup.Escape(patient.PatientId)}/risk?model={Markup.Escape(patient.ModelId)}&reasons=3'");
                console.MarkupLine($"  dashboard  {Markup.Escape(url)}/dashboard/patient.html?id={Markup.Escape(patient.PatientId)}&model={Markup.Escape(patient.ModelId)} (sign in with the key)");
            }
        }
        else if (catalog.Models.Count == 0)
        {
            console.MarkupLine("  [yellow]No production model is loaded yet[/]: register one with `galen models register` and promote it with `galen models promote`; the service picks it up without a restart.");
        }

        console.MarkupLine("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop cleanly below.
        }

        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        console.MarkupLine("Stopped.");
    }

    /// <summary>A patient of the store that a served model can score (the most recently admitted one), or null.</summary>
    private static async Task<(string PatientId, string ModelId)?> StorePatientSampleAsync(IServiceProvider services, Galen.Serve.Models.ModelCatalog catalog, CancellationToken cancellationToken)
    {
        if (services.GetService(typeof(Galen.Serve.Patients.IPatientFeatureSource)) is not Galen.Serve.Patients.IPatientFeatureSource source)
        {
            return null;
        }

        foreach (var patient in await source.ListPatientsAsync(5, cancellationToken).ConfigureAwait(false))
        {
            foreach (var model in catalog.Models.Values.OrderBy(m => m.Id, StringComparer.Ordinal))
            {
                try
                {
                    if (await source.GetSnapshotsAsync(patient.PatientId, model, cancellationToken).ConfigureAwait(false) is { Count: > 0 })
                    {
                        return (patient.PatientId, model.Id);
                    }
                }
                catch (GalenInputException)
                {
                    // This model was not trained on the store's task features; try the next.
                }
            }
        }

        return null;
    }
}
