using System.Net;
using Galen.Serve.Tests.Support;

namespace Galen.Serve.Tests.Api;

[Collection(ServeCollection.Name)]
public sealed class PatientTests(SharedServe serve)
{
    private readonly ServeFactory _factory = serve.Factory;

    private double Expected(string patient, int snapshot = -1)
    {
        var snapshots = TestPatientStore.Patients[patient].Snapshots;
        return LogisticTestModel.Risk(_factory.Bundle, snapshots[snapshot < 0 ? snapshots.Count + snapshot : snapshot]);
    }

    [Fact]
    public async Task The_patient_list_shows_each_patients_current_risk_highest_first()
    {
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);
        var list = (await Http.ReadJson(await client.GetAsync("/api/patients?model=mortality"))).EnumerateArray().ToArray();

        Assert.Equal(["MRN-99887766", "MRN-55667788", "MRN-11223344"], list.Select(p => p.GetProperty("patientId").GetString()));
        Assert.Equal(Expected("MRN-99887766"), list[0].GetProperty("probability").GetDouble(), 6);
        Assert.Equal("Q.Z., bed 12", list[0].GetProperty("label").GetString());
        Assert.Equal("critical", list[0].GetProperty("indicator").GetString());
    }

    [Fact]
    public async Task A_patients_risk_comes_with_reasons_and_a_trend_over_earlier_snapshots()
    {
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);
        var risk = await Http.ReadJson(await client.GetAsync("/api/patients/MRN-99887766/risk?model=mortality&reasons=3"));

        Assert.Equal(Expected("MRN-99887766"), risk.GetProperty("probability").GetDouble(), 6);
        Assert.Equal(3, risk.GetProperty("reasons").GetArrayLength());
        var trend = risk.GetProperty("trend").EnumerateArray().ToArray();
        Assert.Equal(3, trend.Length);
        Assert.Equal(Expected("MRN-99887766", 0), trend[0].GetProperty("probability").GetDouble(), 6);
        Assert.True(trend[0].GetProperty("probability").GetDouble() < trend[2].GetProperty("probability").GetDouble());
    }

    [Fact]
    public async Task An_unknown_patient_is_404_and_an_out_of_range_limit_400()
    {
        using var client = _factory.ClientWithKey(ServeFactory.ClinicianKey);

        await Http.AssertProblem(await client.GetAsync("/api/patients/MRN-404/risk?model=mortality"), HttpStatusCode.NotFound);
        await Http.AssertProblem(await client.GetAsync("/api/patients?model=mortality&limit=100000"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Without_a_store_fhir_extractor_or_deidentifier_the_endpoints_say_so_with_501()
    {
        using var bare = new ServeFactory(withAdapters: false);
        using var client = bare.ClientWithKey(ServeFactory.AdminKey);

        await Http.AssertProblem(await client.GetAsync("/api/patients?model=mortality"), HttpStatusCode.NotImplemented);
        await Http.AssertProblem(await client.PostAsync("/fhir/RiskAssessment/$predict?model=mortality", Http.Json(FhirFixtures.Json(FhirFixtures.PredictBundle(3)), "application/fhir+json")), HttpStatusCode.NotImplemented);
        await Http.AssertProblem(await client.PostAsync("/api/deidentify", Http.Json(new { text = "hello" })), HttpStatusCode.NotImplemented);
    }
}
