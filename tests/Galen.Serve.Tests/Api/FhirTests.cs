using System.Net;
using Galen.Serve.Fhir;
using Galen.Serve.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;

namespace Galen.Serve.Tests.Api;

[Collection(ServeCollection.Name)]
public sealed class FhirTests(SharedServe serve)
{
    private readonly ServeFactory _factory = serve.Factory;

    private async Task<HttpResponseMessage> PredictAsync(string json)
    {
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);
        return await client.PostAsync("/fhir/RiskAssessment/$predict?model=mortality", Http.Json(json, "application/fhir+json"));
    }

    [Fact]
    public async System.Threading.Tasks.Task A_bundle_gets_a_valid_risk_assessment_that_round_trips_through_the_fhir_parser()
    {
        var before = DateTimeOffset.UtcNow;
        using var response = await PredictAsync(FhirFixtures.Json(FhirFixtures.PredictBundle()));
        string json = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, json);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var parser = new FhirJsonDeserializer(new DeserializerSettings());
        var assessment = parser.Deserialize<RiskAssessment>(json);
        Assert.Equal(json, new FhirJsonSerializer().SerializeToString(assessment));

        Assert.Equal(ObservationStatus.Final, assessment.Status);
        Assert.Equal("Patient/" + FhirFixtures.PatientId, assessment.Subject!.Reference);
        Assert.Equal("Encounter/enc-1", assessment.Encounter!.Reference);
        Assert.Equal("mortality@1", assessment.Method!.Coding.Single().Code);
        Assert.Equal(RiskAssessmentBuilder.ModelSystem, assessment.Method!.Coding.Single().System);
        var prediction = Assert.Single(assessment.Prediction);
        Assert.Equal("in_hospital_mortality", prediction.Outcome!.Coding.Single().Code);
        double expected = LogisticTestModel.Risk(_factory.Bundle, FhirFixtures.ExpectedFeatures(before));
        Assert.Equal(expected, (double)((FhirDecimal)prediction.Probability!).Value!.Value, 3);
        Assert.Equal("high", prediction.QualitativeRisk!.Coding.Single().Code);
        Assert.Contains("last lactate 3.3 mmol/L (raises risk)", prediction.Rationale, StringComparison.Ordinal);
        var basis = assessment.Basis.Select(b => b.Reference).ToArray();
        Assert.Contains("Observation/obs-11", basis);
        Assert.Contains("Condition/cond-1", basis);
        Assert.Empty(assessment.Validate(NarrativeValidationKind.None, null));
    }

    [Theory]
    [InlineData("""{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","id":"p1","birthDate":"not-a-date"}}]}""", "not valid FHIR R4")]
    [InlineData("""{"resourceType":"Bundle","type":"collection","colour":"blue"}""", "not valid FHIR R4")]
    [InlineData("""{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Observation","id":"o1","code":{"text":"x"}}}]}""", "not valid FHIR R4")]
    [InlineData("""{"resourceType":"Patient","id":"p1"}""", "a Bundle is required")]
    [InlineData("""{"resourceType":"Bundle","type":"collection"}""", "Exactly one Patient is required; found 0")]
    [InlineData("""{"resourceType":"Bundle","type":"collection",""", "not valid JSON")]
    public async System.Threading.Tasks.Task Invalid_fhir_is_a_400_problem_that_lists_the_issues(string body, string expected)
    {
        using var response = await PredictAsync(body);

        var problem = await Http.AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_bundle_that_mixes_patients_is_refused_and_names_the_entry()
    {
        var bundle = FhirFixtures.PredictBundle(3);
        bundle.Entry.Add(new Bundle.EntryComponent { Resource = FhirFixtures.Lab("stray", "2160-0", 1.0m, "mg/dL", DateTimeOffset.UtcNow, "someone-else") });

        using var response = await PredictAsync(FhirFixtures.Json(bundle));

        var problem = await Http.AssertProblem(response, HttpStatusCode.BadRequest);
        var issues = problem.GetProperty("issues").EnumerateArray().Select(i => i.GetString()).ToArray();
        Assert.Contains(issues, i => i!.StartsWith($"Bundle.entry[{bundle.Entry.Count - 1}].resource.subject", StringComparison.Ordinal));
    }
}
