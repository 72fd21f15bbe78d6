using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Galen.Serve.CdsHooks;
using Galen.Serve.Fhir;
using Galen.Serve.Hosting;
using Galen.Serve.Models;
using Galen.Serve.Patients;
using Galen.Serve.Registry;
using Galen.Serve.Security;
using Galen.Serve.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Galen.Serve.Tests.Support;

/// <summary>
/// The service in memory (WebApplicationFactory over <see cref="ServeHost"/>) with a fresh
/// registry holding the test model in production, test adapters, an in-memory FHIR server for
/// CDS Hooks fetches, and captured logs.
/// </summary>
internal sealed class ServeFactory : WebApplicationFactory<Program>
{
    public const string ModelId = "mortality";
    public const string ClinicianKey = "glk_test_clinician_0123456789abcdef";
    public const string ScientistKey = "glk_test_scientist_0123456789abcdef";
    public const string AdminKey = "glk_test_admin_0123456789abcdef0000";
    public const string JwtIssuer = "https://ehr.test";
    public const string JwtAudience = "galen";
    public const string FhirServer = "http://ehr.test/fhir";
    public static readonly string JwtKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("a-test-signing-key-of-at-least-32-bytes!!"));

    static ServeFactory()
    {
        // The service reads no files from its content root; point the factory at the test output
        // instead of letting it search for a source folder named after the test assembly.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_GALEN_SERVE_TESTS", AppContext.BaseDirectory);
    }

    public ServeFactory(Func<ServeOptions, ServeOptions>? tune = null, bool withAdapters = true)
    {
        Root = Path.Combine(Path.GetTempPath(), "galen-serve-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Registry = ModelRegistry.Open(new RegistryOptions(Path.Combine(Root, "registry")));
        Bundle = LogisticTestModel.Standard();
        var entry = Registry.Register(new ModelRegistration(ModelId, LogisticTestModel.Format, Bundle.Write(Path.Combine(Root, "in")), "Inpatient mortality", ModelLineage.Of("sha256:test-data"), "test"));
        Registry.Promote(ModelId, entry.Version, "test");
        var options = new ServeOptions
        {
            RegistryRoot = Registry.Root,
            Port = 0,
            ReloadInterval = TimeSpan.FromMilliseconds(100),
            Security = new SecurityOptions
            {
                ApiKeys =
                [
                    new ApiKeyGrant("clinician-app", ApiKeys.Hash(ClinicianKey), [GalenRoles.Clinician]),
                    new ApiKeyGrant("research", ApiKeys.Hash(ScientistKey), [GalenRoles.DataScientist]),
                    new ApiKeyGrant("ops", ApiKeys.Hash(AdminKey), [GalenRoles.Admin]),
                ],
                Jwt = new JwtOptions(JwtKey, JwtIssuer, JwtAudience),
                PseudonymKey = "test-pseudonym-key",
            },
            Cds = new CdsOptions { AllowedFhirServers = [FhirServer], WarningThreshold = 0.2, CriticalThreshold = 0.5 },
        };
        Options = tune is null ? options : tune(options);
        WithAdapters = withAdapters;
    }

    public string Root { get; }

    public ModelRegistry Registry { get; }

    public LogisticBundle Bundle { get; }

    public ServeOptions Options { get; }

    public bool WithAdapters { get; }

    public CapturedLogs Logs { get; } = new();

    /// <summary>Requests the fake EHR FHIR server received: path+query and Authorization header.</summary>
    public List<(string PathAndQuery, string? Authorization)> FhirRequests { get; } = [];

    /// <summary>What the fake EHR FHIR server answers, by resource type.</summary>
    public Dictionary<string, string> FhirServerResources { get; } = [];

    protected override IHostBuilder CreateHostBuilder() =>
        ServeHost.CreateHostBuilder(Options, services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddSingleton<IModelLoader, LogisticTestLoader>();
            if (WithAdapters)
            {
                services.AddSingleton<IPatientFeatureSource, TestPatientStore>();
                services.AddSingleton<IFhirFeatureExtractor, CodeFeatureExtractor>();
                services.AddSingleton<IDeidentifier, NameListDeidentifier>();
            }

            services.AddHttpClient(FhirServerClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new FakeFhirServer(this));
        });

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        // Tests start once the models are loaded, as a load balancer would wait for readiness.
        var catalog = host.Services.GetRequiredService<ModelCatalog>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!catalog.Ready && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        return host;
    }

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string Token(string subject, string[] roles, string? signingKey = null, DateTime? expires = null, string issuer = JwtIssuer)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = roles };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = JwtAudience,
            Claims = claims,
            NotBefore = (expires ?? DateTime.UtcNow.AddMinutes(5)).AddMinutes(-10),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(signingKey ?? JwtKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // The audit writer may still hold a handle for a moment; the temp folder is cleaned by the OS.
            }
        }
    }

    /// <summary>An in-memory EHR FHIR server: answers searches from <see cref="FhirServerResources"/>.</summary>
    private sealed class FakeFhirServer(ServeFactory factory) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (factory.FhirRequests)
            {
                factory.FhirRequests.Add((request.RequestUri!.PathAndQuery, request.Headers.Authorization?.ToString()));
            }

            string type = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[^1];
            if (type.StartsWith("pat", StringComparison.Ordinal))
            {
                type = "Patient";
            }

            var response = factory.FhirServerResources.TryGetValue(type, out var json)
                ? new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/fhir+json") }
                : new HttpResponseMessage(System.Net.HttpStatusCode.NotFound);
            return Task.FromResult(response);
        }
    }
}

/// <summary>A test <see cref="IDeidentifier"/> that replaces listed names with [NAME].</summary>
internal sealed class NameListDeidentifier : IDeidentifier
{
    private static readonly string[] Names = [FhirFixtures.PatientName, FhirFixtures.PatientFamily];

    public Task<DeidentifiedText> DeidentifyAsync(string text, CancellationToken cancellationToken)
    {
        var found = new List<Core.Privacy.PhiSpan>();
        foreach (var name in Names)
        {
            for (int at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
            {
                found.Add(new Core.Privacy.PhiSpan(at, name.Length, Core.Privacy.PhiType.PatientName));
            }
        }

        string result = text;
        foreach (var name in Names)
        {
            result = result.Replace(name, "[NAME]", StringComparison.Ordinal);
        }

        return Task.FromResult(new DeidentifiedText(result, found.OrderBy(f => f.Start).ToArray()));
    }
}
