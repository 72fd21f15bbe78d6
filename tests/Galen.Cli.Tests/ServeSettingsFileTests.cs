using Galen.Cli.Serving;
using Galen.Core.Errors;

namespace Galen.Cli.Tests;

public sealed class ServeSettingsFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "galen-serve-config-" + Guid.NewGuid().ToString("N") + ".json");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void A_settings_file_gives_keys_jwt_thresholds_and_limits_and_the_registry_from_the_command_line()
    {
        File.WriteAllText(_path, """
            {
              // comments are allowed
              "apiKeys": [ { "name": "epic-prod", "keySha256": "ab12", "roles": ["clinician"] } ],
              "jwt": { "signingKey": "c2VjcmV0", "issuer": "https://ehr.example", "audience": "galen" },
              "cds": { "criticalThreshold": 0.4, "allowedFhirServers": ["https://ehr.example/fhir"] },
              "requestsPerSecond": 50,
              "minimumLogLevel": "Warning",
            }
            """);

        var options = ServeSettingsFile.Read(_path, "/srv/registry");

        Assert.Equal("/srv/registry", options.RegistryRoot);
        Assert.Equal("epic-prod", options.Security.ApiKeys.Single().Name);
        Assert.Equal(["clinician"], options.Security.ApiKeys.Single().Roles);
        Assert.Equal("https://ehr.example", options.Security.Jwt!.Issuer);
        Assert.Equal(0.4, options.Cds.CriticalThreshold);
        Assert.Equal(0.2, options.Cds.WarningThreshold);
        Assert.Equal(50, options.RequestsPerSecond);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, options.MinimumLogLevel);
        Assert.Equal("127.0.0.1", options.Host);
    }

    [Fact]
    public void A_malformed_settings_file_is_a_user_error_naming_the_file_and_line()
    {
        File.WriteAllText(_path, "{\n  \"requestsPerSecond\": \"many\"\n}");

        var error = Assert.Throws<GalenInputException>(() => ServeSettingsFile.Read(_path, "registry"));

        Assert.Contains(_path, error.Message, StringComparison.Ordinal);
    }
}
