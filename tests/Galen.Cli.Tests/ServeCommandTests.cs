using Galen.Cli.Commands;
using Galen.Serve.Hosting;
using Galen.Serve.Security;
using Spectre.Console.Testing;

namespace Galen.Cli.Tests;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_listens_on_loopback_prints_how_to_call_it_and_stops_on_cancellation()
    {
        string registry = Path.Combine(Path.GetTempPath(), "galen-cli-serve-" + Guid.NewGuid().ToString("N"));
        var console = new TestConsole().Width(400);
        string key = ApiKeys.Generate();
        var options = new ServeOptions
        {
            RegistryRoot = registry,
            Port = 0,
            Security = new SecurityOptions { ApiKeys = [new ApiKeyGrant("local-admin", ApiKeys.Hash(key), GalenRoles.All)] },
        };
        using var stop = new CancellationTokenSource();

        var serving = ServeCommand.RunAsync(console, options, key, null, stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!console.Output.Contains("Press Ctrl+C", StringComparison.Ordinal) && !serving.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        string output = console.Output;
        var url = System.Text.RegularExpressions.Regex.Match(output, @"serving at (http://127\.0\.0\.1:\d+)").Groups[1].Value;
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var live = await http.GetAsync(url + "/health/live");
        var whoami = await http.GetStringAsync(url + "/api/whoami");
        await stop.CancelAsync();
        await serving;
        Directory.Delete(registry, recursive: true);

        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
        Assert.Contains("key:local-admin", whoami, StringComparison.Ordinal);
        Assert.Contains(key, output, StringComparison.Ordinal);
        Assert.Contains("No production model is loaded yet", output, StringComparison.Ordinal);
        Assert.Contains("Stopped.", console.Output, StringComparison.Ordinal);
    }
}
