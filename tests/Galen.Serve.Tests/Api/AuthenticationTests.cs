using System.Net;
using Galen.Serve.Tests.Support;

namespace Galen.Serve.Tests.Api;

[Collection(ServeCollection.Name)]
public sealed class AuthenticationTests(SharedServe serve)
{
    private readonly ServeFactory _factory = serve.Factory;

    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { "GET", "/api/models" },
        { "GET", "/api/models/mortality" },
        { "POST", "/api/models/mortality/predict" },
        { "POST", "/api/models/mortality/batch" },
        { "GET", "/api/patients?model=mortality" },
        { "GET", "/api/patients/MRN-99887766/risk?model=mortality" },
        { "POST", "/fhir/RiskAssessment/$predict?model=mortality" },
        { "POST", "/cds-services/mortality" },
        { "POST", "/cds-services/mortality/feedback" },
        { "POST", "/api/deidentify" },
        { "GET", "/api/whoami" },
        { "GET", "/metrics" },
        { "GET", "/openapi/v1.json" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Every_endpoint_but_health_and_discovery_refuses_a_caller_without_credentials(string method, string path)
    {
        using var client = _factory.CreateClient();
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Http.Json("{}") : null });

        await Http.AssertProblem(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task A_wrong_api_key_is_refused(string method, string path)
    {
        using var client = _factory.ClientWithKey("glk_not_a_real_key");
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Http.Json("{}") : null });

        await Http.AssertProblem(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/cds-services")]
    public async Task Health_and_cds_discovery_need_no_credentials(string path)
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(ServeFactory.ClinicianKey, "POST", "/api/models/mortality/batch")]
    [InlineData(ServeFactory.ClinicianKey, "GET", "/metrics")]
    [InlineData(ServeFactory.ClinicianKey, "POST", "/api/deidentify")]
    public async Task A_role_without_the_permission_is_forbidden(string key, string method, string path)
    {
        using var client = _factory.ClientWithKey(key);
        var content = path.EndsWith("/batch", StringComparison.Ordinal) ? Http.Json("age\n70\n", "text/csv") : Http.Json("{}");
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? content : null });

        await Http.AssertProblem(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_valid_jwt_with_the_clinician_role_can_predict_and_is_named_by_its_subject()
    {
        using var client = _factory.ClientWithToken(ServeFactory.Token("dr-okafor", ["clinician"]));

        var who = await Http.ReadJson(await client.GetAsync("/api/whoami"));
        using var predict = await client.PostAsync("/api/models/mortality/predict", Http.Json("""{"features":{"age":70}}"""));

        Assert.Equal("dr-okafor", who.GetProperty("name").GetString());
        Assert.Contains("clinician", who.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.OK, predict.StatusCode);
    }

    [Fact]
    public async Task A_jwt_signed_with_another_key_expired_or_from_another_issuer_is_refused()
    {
        string otherKey = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("another-signing-key-of-at-least-32-bytes"));
        string[] tokens =
        [
            ServeFactory.Token("mallory", ["admin"], signingKey: otherKey),
            ServeFactory.Token("dr-late", ["clinician"], expires: DateTime.UtcNow.AddMinutes(-5)),
            ServeFactory.Token("dr-elsewhere", ["clinician"], issuer: "https://other.test"),
        ];
        foreach (var token in tokens)
        {
            using var client = _factory.ClientWithToken(token);
            using var response = await client.GetAsync("/api/models");
            await Http.AssertProblem(response, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task A_jwt_without_a_galen_role_is_forbidden()
    {
        using var client = _factory.ClientWithToken(ServeFactory.Token("visitor", ["receptionist"]));
        using var response = await client.GetAsync("/api/models");

        await Http.AssertProblem(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoints()
    {
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);
        var document = await Http.ReadJson(await client.GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Contains("/api/models/{modelId}/predict", paths);
        Assert.Contains("/fhir/RiskAssessment/$predict", paths);
        Assert.Contains("/cds-services/{serviceId}", paths);
        Assert.Contains("/api/models/{modelId}/batch", paths);
    }
}
