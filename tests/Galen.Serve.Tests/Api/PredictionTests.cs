using System.Net;
using System.Text;
using System.Text.Json;
using Galen.Serve.Audit;
using Galen.Serve.Models;
using Galen.Serve.Tests.Support;

namespace Galen.Serve.Tests.Api;

[Collection(ServeCollection.Name)]
public sealed class PredictionTests(SharedServe serve)
{
    private readonly ServeFactory _factory = serve.Factory;

    private static readonly Dictionary<string, double> Patient = new() { ["age"] = 78, ["creatinine"] = 2.3, ["lactate"] = 3.9, ["heart_rate"] = 110, ["diabetes"] = 1 };

    [Fact]
    public async Task Predict_returns_the_models_probability_and_its_strongest_reasons_first()
    {
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);
        var result = await Http.ReadJson(await client.PostAsync("/api/models/mortality/predict", Http.Json(new { features = Patient, reasons = 2 })));

        double expected = LogisticTestModel.Risk(_factory.Bundle, Patient);
        Assert.Equal(expected, result.GetProperty("probability").GetDouble(), 6);
        Assert.Equal("mortality", result.GetProperty("model").GetString());
        Assert.Equal(1, result.GetProperty("version").GetInt32());
        Assert.Equal("critical", result.GetProperty("indicator").GetString());
        var reasons = result.GetProperty("reasons").EnumerateArray().ToArray();
        Assert.Equal(2, reasons.Length);
        // lactate: 0.5 × (3.9 − 1.5) = 1.2; age: 0.04 × 13 = 0.52; creatinine: 0.6 × 1.3 = 0.78.
        Assert.Equal("lactate", reasons[0].GetProperty("feature").GetString());
        Assert.Equal(1.2, reasons[0].GetProperty("contribution").GetDouble(), 4);
        Assert.Equal("creatinine", reasons[1].GetProperty("feature").GetString());
        Assert.Equal("raises", reasons[0].GetProperty("direction").GetString());
        Assert.Equal("last lactate 3.9 mmol/L (raises risk)", reasons[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Missing_features_are_allowed_and_null_means_missing()
    {
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);
        var result = await Http.ReadJson(await client.PostAsync("/api/models/mortality/predict", Http.Json("""{"features":{"age":65,"lactate":null}}""")));

        Assert.Equal(LogisticTestModel.Risk(_factory.Bundle, new Dictionary<string, double> { ["age"] = 65 }), result.GetProperty("probability").GetDouble(), 6);
    }

    [Theory]
    [InlineData("{\"features\": {\"age\": 70,}", "not valid JSON")]
    [InlineData("{\"features\": {\"age\": \"seventy\"}}", "feature 'age' must be a number")]
    [InlineData("{\"features\": {\"age\": 70, \"shoe_size\": 9}}", "no feature(s) 'shoe_size'")]
    [InlineData("{\"feature\": {\"age\": 70}}", "'features' object")]
    [InlineData("{\"features\": {\"age\": 70}, \"reasons\": 99}", "reasons must be between 0 and 20")]
    [InlineData("[1, 2, 3]", "'features' object")]
    public async Task Malformed_or_invalid_json_is_a_400_problem_that_says_what_is_wrong(string body, string expected)
    {
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);
        using var response = await client.PostAsync("/api/models/mortality/predict", Http.Json(body));

        var problem = await Http.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_media_type_is_415_an_unknown_model_404_an_unknown_path_404_and_a_wrong_method_405()
    {
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);

        await Http.AssertProblem(await client.PostAsync("/api/models/mortality/predict", Http.Json("age=70", "application/x-www-form-urlencoded")), HttpStatusCode.UnsupportedMediaType);
        var notFound = await Http.AssertProblem(await client.PostAsync("/api/models/sepsis/predict", Http.Json("""{"features":{}}""")), HttpStatusCode.NotFound);
        Assert.Contains("No model 'sepsis'", notFound.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Http.AssertProblem(await client.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound);
        await Http.AssertProblem(await client.GetAsync("/api/models/mortality/predict"), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task An_oversize_body_is_refused_with_413_whether_its_length_is_declared_or_chunked()
    {
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);
        string big = "{\"features\":{\"age\":70},\"padding\":\"" + new string('x', (int)_factory.Options.MaxRequestBodyBytes) + "\"}";

        using var declared = await client.PostAsync("/api/models/mortality/predict", Http.Json(big));
        using var chunkedContent = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunkedContent.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/models/mortality/predict") { Content = chunkedContent };
        request.Headers.TransferEncodingChunked = true;
        using var chunked = await client.SendAsync(request);

        await Http.AssertProblem(declared, HttpStatusCode.RequestEntityTooLarge);
        await Http.AssertProblem(chunked, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Concurrent_predictions_agree_with_single_threaded_ones()
    {
        using var client = _factory.ClientWithKey(ServeFactory.AdminKey);
        var random = new Random(7);
        var inputs = Enumerable.Range(0, 64).Select(_ => new Dictionary<string, double>
        {
            ["age"] = random.Next(20, 95),
            ["creatinine"] = Math.Round(0.5 + (random.NextDouble() * 3), 2),
            ["lactate"] = Math.Round(0.5 + (random.NextDouble() * 5), 2),
            ["heart_rate"] = random.Next(50, 140),
            ["diabetes"] = random.Next(2),
        }).ToArray();

        var sequential = new List<string>();
        foreach (var input in inputs)
        {
            sequential.Add(await (await client.PostAsync("/api/models/mortality/predict", Http.Json(new { features = input }))).Content.ReadAsStringAsync());
        }

        var concurrent = await Task.WhenAll(inputs.Select(async input =>
            await (await client.PostAsync("/api/models/mortality/predict", Http.Json(new { features = input }))).Content.ReadAsStringAsync()));

        Assert.Equal(sequential, concurrent);
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(LogisticTestModel.Risk(_factory.Bundle, inputs[i]), JsonDocument.Parse(concurrent[i]).RootElement.GetProperty("probability").GetDouble(), 6);
        }
    }

    [Fact]
    public async Task Every_prediction_is_in_the_audit_log_with_the_hash_of_its_input_and_never_the_input()
    {
        using var client = _factory.ClientWithToken(ServeFactory.Token("dr-audit", ["clinician"]));
        var features = new Dictionary<string, double> { ["age"] = 55.5, ["creatinine"] = 1.75 };
        await Http.ReadJson(await client.PostAsync("/api/models/mortality/predict", Http.Json(new { features })));

        var row = new[] { 55.5f, 1.75f, float.NaN, float.NaN, float.NaN };
        string expectedHash = RiskService.HashRow(row);
        var lines = await ReadAuditAsync(_factory.Options.ResolvedAuditLogPath);
        var record = lines.Select(l => AuditLineFormat.Parse(l)!.Record).Last(r => r.Event.Actor == "dr-audit");

        Assert.Equal(AuditEvent.Actions.Prediction, record.Event.Action);
        Assert.Equal("mortality", record.Event.ModelId);
        Assert.Equal(1, record.Event.ModelVersion);
        Assert.Equal(expectedHash, record.Event.InputSha256);
        Assert.DoesNotContain(lines, l => l.Contains("55.5", StringComparison.Ordinal) || l.Contains("1.75", StringComparison.Ordinal));
        Assert.True(AuditVerifier.Verify(_factory.Options.ResolvedAuditLogPath).Intact);
    }

    [Fact]
    public async Task An_unhandled_failure_is_a_500_problem_without_stack_trace_or_message()
    {
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);
        using var response = await client.GetAsync($"/api/patients/{TestPatientStore.Explodes}/risk?model=mortality");

        var problem = await Http.AssertProblem(response, HttpStatusCode.InternalServerError);
        string body = problem.GetRawText();
        Assert.DoesNotContain(FhirFixtures.PatientName, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.True(problem.TryGetProperty("traceId", out _));
        Assert.DoesNotContain(FhirFixtures.PatientName, _factory.Logs.All, StringComparison.Ordinal);
    }

    internal static async Task<string[]> ReadAuditAsync(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
