using System.Net;
using System.Text.Json;
using Galen.Serve.Audit;
using Galen.Serve.Tests.Support;
using Hl7.Fhir.Model;
using AuditEvent = Galen.Serve.Audit.AuditEvent;

namespace Galen.Serve.Tests.Api;

[Collection(ServeCollection.Name)]
public sealed class CdsHooksTests(SharedServe serve)
{
    private readonly ServeFactory _factory = serve.Factory;

    private static Dictionary<string, object> Prefetch(int observations)
    {
        var resources = new Dictionary<string, Resource>
        {
            ["patient"] = FhirFixtures.Patient(),
            ["encounters"] = FhirFixtures.SearchSet([FhirFixtures.Encounter()]),
            ["conditions"] = FhirFixtures.SearchSet([FhirFixtures.Diabetes()]),
            ["procedures"] = FhirFixtures.SearchSet([]),
            ["observations"] = FhirFixtures.SearchSet(FhirFixtures.Observations(observations)),
            ["medications"] = FhirFixtures.SearchSet([FhirFixtures.Metformin()]),
        };
        return resources.ToDictionary(r => r.Key, r => (object)JsonDocument.Parse(FhirFixtures.Json(r.Value)).RootElement.Clone());
    }

    private static object Request(object? prefetch, string? fhirServer = null, string hook = "patient-view") => new Dictionary<string, object?>
    {
        ["hook"] = hook,
        ["hookInstance"] = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        ["fhirServer"] = fhirServer,
        ["fhirAuthorization"] = fhirServer is null ? null : new { access_token = "ehr-token-123", token_type = "Bearer", expires_in = 300, scope = "patient/*.read", subject = "galen" },
        ["context"] = new { userId = "Practitioner/example", patientId = FhirFixtures.PatientId },
        ["prefetch"] = prefetch,
    }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public async System.Threading.Tasks.Task Discovery_lists_a_patient_view_service_per_model_with_its_prefetch()
    {
        using var client = _factory.CreateClient();
        var discovery = await Http.ReadJson(await client.GetAsync("/cds-services"));

        var service = Assert.Single(discovery.GetProperty("services").EnumerateArray());
        Assert.Equal("patient-view", service.GetProperty("hook").GetString());
        Assert.Equal("mortality", service.GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(service.GetProperty("description").GetString()));
        var prefetch = service.GetProperty("prefetch");
        Assert.Equal("Patient/{{context.patientId}}", prefetch.GetProperty("patient").GetString());
        Assert.Equal("Observation?patient={{context.patientId}}&_count=200", prefetch.GetProperty("observations").GetString());
    }

    [Fact]
    public async System.Threading.Tasks.Task Patient_view_with_50_prefetched_observations_answers_a_card_in_the_specs_shape()
    {
        var before = DateTimeOffset.UtcNow;
        using var client = _factory.ClientWithToken(ServeFactory.Token("ehr-epic", ["clinician"]));
        var response = await Http.ReadJson(await client.PostAsync("/cds-services/mortality", Http.Json(Request(Prefetch(50)))));

        var card = Assert.Single(response.GetProperty("cards").EnumerateArray());
        string summary = card.GetProperty("summary").GetString()!;
        Assert.True(summary.Length < 140, summary);
        double expected = LogisticTestModel.Risk(_factory.Bundle, FhirFixtures.ExpectedFeatures(before));
        Assert.StartsWith($"{Math.Round(expected * 100):0}% risk of death before discharge", summary, StringComparison.Ordinal);
        Assert.Equal("critical", card.GetProperty("indicator").GetString());
        Assert.Equal("Galen mortality@1", card.GetProperty("source").GetProperty("label").GetString());
        Assert.True(Guid.TryParse(card.GetProperty("uuid").GetString(), out _));
        Assert.Contains("last lactate 3.3 mmol/L (raises risk)", card.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var link = card.GetProperty("links").EnumerateArray().First();
        Assert.Equal("absolute", link.GetProperty("type").GetString());
        Assert.EndsWith($"/dashboard/patient.html?id={FhirFixtures.PatientId}&model=mortality", link.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Without_prefetch_the_service_fetches_from_the_allowed_fhir_server_with_the_requests_token()
    {
        _factory.FhirServerResources["Patient"] = FhirFixtures.Json(FhirFixtures.Patient());
        _factory.FhirServerResources["Encounter"] = FhirFixtures.Json(FhirFixtures.SearchSet([FhirFixtures.Encounter()]));
        _factory.FhirServerResources["Condition"] = FhirFixtures.Json(FhirFixtures.SearchSet([FhirFixtures.Diabetes()]));
        _factory.FhirServerResources["Procedure"] = FhirFixtures.Json(FhirFixtures.SearchSet([]));
        _factory.FhirServerResources["Observation"] = FhirFixtures.Json(FhirFixtures.SearchSet(FhirFixtures.Observations(9)));
        _factory.FhirServerResources["MedicationRequest"] = FhirFixtures.Json(FhirFixtures.SearchSet([FhirFixtures.Metformin()]));
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);

        var response = await Http.ReadJson(await client.PostAsync("/cds-services/mortality", Http.Json(Request(null, ServeFactory.FhirServer))));

        Assert.Equal("critical", Assert.Single(response.GetProperty("cards").EnumerateArray()).GetProperty("indicator").GetString());
        lock (_factory.FhirRequests)
        {
            Assert.Contains(_factory.FhirRequests, r => r.PathAndQuery == $"/fhir/Observation?patient={FhirFixtures.PatientId}&_count=200" && r.Authorization == "Bearer ehr-token-123");
            Assert.Contains(_factory.FhirRequests, r => r.PathAndQuery == $"/fhir/Patient/{FhirFixtures.PatientId}");
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task Missing_prefetch_without_an_allowed_fhir_server_is_412()
    {
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);

        var noServer = await Http.AssertProblem(await client.PostAsync("/cds-services/mortality", Http.Json(Request(null))), HttpStatusCode.PreconditionFailed);
        await Http.AssertProblem(await client.PostAsync("/cds-services/mortality", Http.Json(Request(null, "http://169.254.169.254/latest"))), HttpStatusCode.PreconditionFailed);

        Assert.Contains("prefetch.patient is missing", noServer.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_wrong_hook_or_a_request_without_a_patient_is_400()
    {
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);

        await Http.AssertProblem(await client.PostAsync("/cds-services/mortality", Http.Json(Request(Prefetch(3), hook: "order-sign"))), HttpStatusCode.BadRequest);
        await Http.AssertProblem(await client.PostAsync("/cds-services/mortality", Http.Json("""{"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea","context":{}}""")), HttpStatusCode.BadRequest);
        await Http.AssertProblem(await client.PostAsync("/cds-services/unknown", Http.Json(Request(Prefetch(3)))), HttpStatusCode.NotFound);
    }

    [Fact]
    public async System.Threading.Tasks.Task Feedback_is_recorded_in_the_audit_log()
    {
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);
        string card = Guid.NewGuid().ToString();
        var feedback = new { feedback = new[] { new { card, outcome = "overridden", outcomeTimestamp = "2024-03-10T09:00:00Z", overrideReason = new { reason = new { code = "patient-at-end-of-life", system = "http://example.org/reasons" } } } } };

        using var response = await client.PostAsync("/cds-services/mortality/feedback", Http.Json(feedback));
        using var bad = await client.PostAsync("/cds-services/mortality/feedback", Http.Json(new { feedback = new[] { new { card, outcome = "ignored" } } }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Http.AssertProblem(bad, HttpStatusCode.BadRequest);
        var lines = await PredictionTests.ReadAuditAsync(_factory.Options.ResolvedAuditLogPath);
        var record = lines.Select(l => AuditLineFormat.Parse(l)!.Record).Single(r => r.Event.Detail?.Contains(card, StringComparison.Ordinal) == true);
        Assert.Equal(AuditEvent.Actions.CdsFeedback, record.Event.Action);
        Assert.Equal($"card {card} overridden reason patient-at-end-of-life", record.Event.Detail);
    }
}
