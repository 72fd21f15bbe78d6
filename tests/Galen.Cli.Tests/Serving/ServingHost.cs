using System.Text.Json;
using Galen.Cli.Serving;
using Galen.Serve.Hosting;
using Galen.Serve.Models;
using Galen.Serve.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Galen.Cli.Tests.Serving;

/// <summary>The service as <c>galen serve</c> builds it (every adapter installed), on a free loopback port.</summary>
internal sealed class ServingHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ServingHost(IHost host, ServeOptions options, string key)
    {
        _host = host;
        Options = options;
        Client = new HttpClient { BaseAddress = new Uri(ServeHost.AddressOf(host)) };
        Client.DefaultRequestHeaders.Add("X-Api-Key", key);
    }

    public ServeOptions Options { get; }

    public HttpClient Client { get; }

    public static Task<ServingHost> StartAsync(ServingHospital hospital, bool withStore = true) =>
        StartAsync(hospital.Registry.Root, withStore ? hospital.StorePath : null);

    /// <summary>The service over <paramref name="registryRoot"/>'s production models and, when given, the store at <paramref name="storePath"/>.</summary>
    public static async Task<ServingHost> StartAsync(string registryRoot, string? storePath)
    {
        string key = ApiKeys.Generate();
        var options = new ServeOptions
        {
            RegistryRoot = registryRoot,
            Port = 0,
            MinimumLogLevel = LogLevel.Warning,
            RequestsPerSecond = 100_000,
            RequestBurst = 100_000,
            Security = new SecurityOptions { ApiKeys = [new ApiKeyGrant("tester", ApiKeys.Hash(key), GalenRoles.All)] },
        };
        var host = ServeHost.CreateHostBuilder(options, services => ServeAdapters.Install(services, options, storePath)).Build();
        await host.StartAsync();
        var catalog = host.Services.GetRequiredService<ModelCatalog>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!catalog.Ready && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(catalog.Ready, string.Join("; ", catalog.Problems));
        return new ServingHost(host, options, key);
    }

    /// <summary>The input hash of the newest audit record (the service writes it before answering).</summary>
    public string LastAuditedInput()
    {
        string last = File.ReadLines(Options.ResolvedAuditLogPath).Last(l => l.Length > 0);
        return JsonDocument.Parse(last).RootElement.GetProperty("inputSha256").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }
}
