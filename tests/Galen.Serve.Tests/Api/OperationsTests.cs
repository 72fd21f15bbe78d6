using System.Net;
using System.Text.Json;
using Galen.Serve.Tests.Support;
using Hl7.Fhir.Model;

namespace Galen.Serve.Tests.Api;

public sealed class OperationsTests
{
    [Fact]
    public async System.Threading.Tasks.Task Metrics_count_requests_and_predictions_and_show_the_score_distribution_per_model()
    {
        using var factory = new ServeFactory();
        using var clinician = factory.ClientWithKey(ServeFactory.ClinicianKey);
        for (int i = 0; i < 3; i++)
        {
            await Http.ReadJson(await clinician.PostAsync("/api/models/mortality/predict", Http.Json(new { features = new { age = 60 + i } })));
        }

        using var scientist = factory.ClientWithKey(ServeFactory.ScientistKey);
        using var response = await scientist.GetAsync("/metrics");
        string metrics = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("galen_predictions_total{model=\"mortality\",version=\"1\",channel=\"rest\"} 3", metrics, StringComparison.Ordinal);
        Assert.Contains("galen_http_requests_total{method=\"POST\",route=\"/api/models/{modelId}/predict\",status=\"200\"} 3", metrics, StringComparison.Ordinal);
        Assert.Contains("galen_http_request_duration_seconds_bucket{route=\"/api/models/{modelId}/predict\",le=\"+Inf\"} 3", metrics, StringComparison.Ordinal);
        Assert.Contains("galen_prediction_score_count{model=\"mortality\",version=\"1\"} 3", metrics, StringComparison.Ordinal);
        Assert.Contains("galen_ready 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Readiness_follows_the_registry_and_a_retired_model_makes_the_service_unready()
    {
        using var factory = new ServeFactory();
        using var client = factory.CreateClient();
        var ready = await Http.ReadJson(await client.GetAsync("/health/ready"));
        Assert.Equal("mortality@1", ready.GetProperty("models")[0].GetString());

        factory.Registry.Archive(ServeFactory.ModelId, 1, "test");
        HttpResponseMessage response;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        do
        {
            await System.Threading.Tasks.Task.Delay(50);
            response = await client.GetAsync("/health/ready");
        }
        while (response.StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_caller_over_the_rate_limit_gets_429_with_retry_after_while_others_are_unaffected()
    {
        using var factory = new ServeFactory(o => o with { RequestsPerSecond = 1, RequestBurst = 3 });
        using var greedy = factory.ClientWithKey(ServeFactory.ClinicianKey);
        using var other = factory.ClientWithKey(ServeFactory.AdminKey);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (int i = 0; i < 6; i++)
        {
            var response = await greedy.GetAsync("/api/whoami");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        await Http.AssertProblem(limited!, HttpStatusCode.TooManyRequests);
        Assert.True(limited!.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/whoami")).StatusCode);
    }

    [Fact]
    public async System.Threading.Tasks.Task No_patient_identifier_reaches_the_logs_only_pseudonyms_do()
    {
        using var factory = new ServeFactory();
        using var client = factory.ClientWithKey(ServeFactory.ClinicianKey);
        using var scientist = factory.ClientWithKey(ServeFactory.ScientistKey);
        factory.FhirServerResources["Patient"] = FhirFixtures.Json(FhirFixtures.Patient());
        factory.FhirServerResources["Encounter"] = FhirFixtures.Json(FhirFixtures.SearchSet([FhirFixtures.Encounter()]));
        factory.FhirServerResources["Condition"] = FhirFixtures.Json(FhirFixtures.SearchSet([FhirFixtures.Diabetes()]));
        factory.FhirServerResources["Procedure"] = FhirFixtures.Json(FhirFixtures.SearchSet([]));
        factory.FhirServerResources["Observation"] = FhirFixtures.Json(FhirFixtures.SearchSet(FhirFixtures.Observations(6)));
        factory.FhirServerResources["MedicationRequest"] = FhirFixtures.Json(FhirFixtures.SearchSet([FhirFixtures.Metformin()]));
        var cds = new
        {
            hook = "patient-view",
            hookInstance = Guid.NewGuid().ToString(),
            fhirServer = ServeFactory.FhirServer,
            fhirAuthorization = new { access_token = "t", token_type = "Bearer", expires_in = 60, scope = "patient/*.read", subject = "galen" },
            context = new { userId = "Practitioner/1", patientId = FhirFixtures.PatientId },
        };

        await Http.ReadJson(await client.GetAsync("/api/patients/MRN-99887766/risk?model=mortality"));
        await Http.ReadJson(await client.GetAsync("/api/patients?model=mortality"));
        await client.GetAsync("/api/patients/MRN-12121212/risk?model=mortality");
        (await client.PostAsync("/fhir/RiskAssessment/$predict?model=mortality", Http.Json(FhirFixtures.Json(FhirFixtures.PredictBundle()), "application/fhir+json"))).EnsureSuccessStatusCode();
        (await client.PostAsync("/cds-services/mortality", Http.Json(cds))).EnsureSuccessStatusCode();
        var bad = FhirFixtures.PredictBundle(3);
        ((Patient)bad.Entry[0].Resource!).BirthDate = "1943-05-17";
        bad.Entry.Add(new Bundle.EntryComponent { Resource = FhirFixtures.Patient("second-" + FhirFixtures.PatientId) });
        await client.PostAsync("/fhir/RiskAssessment/$predict?model=mortality", Http.Json(FhirFixtures.Json(bad), "application/fhir+json"));
        await scientist.PostAsync("/api/deidentify", Http.Json(new { text = $"{FhirFixtures.PatientName} {FhirFixtures.PatientFamily} MRN-99887766" }));
        await scientist.PostAsync("/api/models/mortality/batch", Http.Json("id,age\nMRN-99887766,80\n", "text/csv"));

        string logs = factory.Logs.All;
        Assert.NotEmpty(factory.Logs.Lines);
        foreach (var identifier in new[] { "MRN-99887766", "MRN-12121212", FhirFixtures.PatientId, FhirFixtures.PatientName, FhirFixtures.PatientFamily, "1943-05-17" })
        {
            Assert.DoesNotContain(identifier, logs, StringComparison.Ordinal);
        }

        var pseudonym = new Galen.Serve.Security.Pseudonyms(factory.Options.Security.PseudonymKey).Of("MRN-99887766");
        Assert.Contains(pseudonym, logs, StringComparison.Ordinal);
        Assert.Contains("/api/patients/{patientId}/risk", logs, StringComparison.Ordinal);
        _ = JsonSerializer.Serialize(cds);
    }
}
