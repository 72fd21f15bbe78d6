using System.Diagnostics;
using Galen.Serve.Hosting;
using Galen.Serve.Models;
using Galen.Serve.Patients;
using Galen.Serve.Registry;
using Galen.Serve.Security;
using Galen.Serve.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;

namespace Galen.Serve.Tests.Dashboard;

/// <summary>
/// The service on real Kestrel (loopback, free port) with the test model and patients, and
/// Debian's Chromium driven by Playwright. If Chromium is missing, the project's
/// install-chromium.sh installs it when the tests run as root on Debian; otherwise the fixture
/// fails saying what to install.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "galen-dashboard-test-" + Guid.NewGuid().ToString("N"));
    private IHost? _host;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    internal LogisticBundle Bundle { get; } = LogisticTestModel.Standard();

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        EnsureChromium();
        var registry = ModelRegistry.Open(new RegistryOptions(Path.Combine(_root, "registry")));
        var entry = registry.Register(new ModelRegistration(ServeFactory.ModelId, LogisticTestModel.Format, Bundle.Write(_root), "Inpatient mortality",
            new ModelLineage("sha256:4be1c0ffee", new Dictionary<string, string> { ["task"] = "in-hospital mortality", ["window_hours"] = "48" }, new Dictionary<string, string> { ["seed"] = "42" }, new Dictionary<string, double> { ["auroc"] = 0.81 }), "alice"));
        registry.Promote(entry.ModelId, entry.Version, "alice", "validated on the 2023 cohort");
        var options = new ServeOptions
        {
            RegistryRoot = registry.Root,
            Port = 0,
            Security = new SecurityOptions { ApiKeys = [new ApiKeyGrant("ward-7", ApiKeys.Hash(ServeFactory.ClinicianKey), [GalenRoles.Clinician])] },
        };
        _host = ServeHost.CreateHostBuilder(options, services =>
        {
            services.AddSingleton<IModelLoader, LogisticTestLoader>();
            services.AddSingleton<IPatientFeatureSource, TestPatientStore>();
        }).Build();
        await _host.StartAsync();
        BaseUrl = ServeHost.AddressOf(_host);
        var catalog = _host.Services.GetRequiredService<ModelCatalog>();
        for (int i = 0; i < 200 && !catalog.Ready; i++)
        {
            await Task.Delay(25);
        }

        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A handle may linger for a moment; the OS cleans temporary files.
        }
    }

    private static void EnsureChromium()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }

        string script = Path.Combine(AppContext.BaseDirectory, "install-chromium.sh");
        bool canInstall = Environment.UserName == "root" && File.Exists("/usr/bin/apt-get") && File.Exists(script);
        if (canInstall)
        {
            using var install = Process.Start(new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string errors = install.StandardError.ReadToEnd();
            install.WaitForExit();
            if (install.ExitCode == 0 && File.Exists(ChromiumPath))
            {
                return;
            }

            throw new InvalidOperationException($"install-chromium.sh could not install Chromium (exit {install.ExitCode}): {errors}");
        }

        throw new InvalidOperationException(
            $"The dashboard tests need Debian's Chromium at {ChromiumPath}. Install it with `sudo apt-get install chromium` " +
            "(or run the tests as root on Debian, and tests/Galen.Serve.Tests/install-chromium.sh installs it).");
    }
}
