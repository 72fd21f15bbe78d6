using System.Net;
using System.Text;
using System.Text.Json;
using Galen.Core.Explaining;
using Galen.Core.Learning;
using Galen.Data.Scoring;
using Galen.Data.Store;
using Galen.Data.Tasks;
using Galen.Serve.Fhir;
using Galen.Serve.Models;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Galen.Cli.Tests.Serving;

/// <summary>
/// The service as <c>galen serve</c> runs it, over real registered tabular bundles, the real
/// store, the FHIR path and Galen.Text: each channel gives the probability the model gives the
/// patient's batch task row.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class ServiceScoringTests(ServingHospital hospital)
{
    private const double Agreement = 1e-6;

    /// <summary>Patients whose latest stay is a sample of the task, with that sample's batch row.</summary>
    private List<(string Patient, float[] Row, int Label)> LatestSamples(TaskDataset dataset, int count)
    {
        var featurizer = TaskFeaturizer.Create(ClinicalTasks.Create(dataset.Task, dataset.Parameters), dataset.Tabular.Inputs.Features, ServingHospital.Features);
        var found = new List<(string, float[], int)>();
        using var store = ClinicalStore.Open(hospital.StorePath);
        var reader = new StorePatientReader(store);
        // Both outcomes, when the cohort has them: positives first.
        var byLabel = Enumerable.Range(0, dataset.Count).OrderByDescending(i => dataset.Tabular.Targets.Row(i)[0]).ThenBy(i => i);
        foreach (int i in byLabel)
        {
            var sample = dataset.Samples[i];
            if (found.Any(f => f.Item1 == sample.PatientKey))
            {
                continue;
            }

            var current = featurizer.Current(reader.Load(sample.PatientKey)!, reader.DataEnd);
            if (current.IsTaskSample && current.Sample.SampleKey == sample.SampleKey)
            {
                found.Add((sample.PatientKey, dataset.Tabular.Inputs.Row(i).ToArray(), (int)dataset.Tabular.Targets.Row(i)[0]));
            }

            if (found.Count == count)
            {
                break;
            }
        }

        Assert.Equal(count, found.Count);
        return found;
    }

    private static double ModelRisk(IModel<FeatureMatrix> model, TaskDataset dataset, float[] row) =>
        model.Predict(new FeatureMatrix(dataset.Tabular.Inputs.Features, row)).Row(0)[0];

    [Fact]
    public async System.Threading.Tasks.Task Fhir_predict_on_a_patients_bundle_gives_the_models_probability_on_their_batch_task_row()
    {
        var service = await hospital.Host();
        var parser = new FhirJsonDeserializer();
        foreach (var (patient, row, _) in LatestSamples(hospital.Mortality, 4))
        {
            var content = new ByteArrayContent(File.ReadAllBytes(hospital.BundleOf(patient)));
            content.Headers.ContentType = new("application/fhir+json");
            using var response = await service.Client.PostAsync($"/fhir/RiskAssessment/$predict?model={ServingHospital.MortalityId}", content);
            string json = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, json);

            var assessment = parser.Deserialize<RiskAssessment>(json);
            double served = (double)((FhirDecimal)assessment.Prediction[0].Probability!).Value!.Value;
            Assert.Equal(ModelRisk(hospital.MortalityModel, hospital.Mortality, row), served, Agreement);
            // The very same input row: the audit record's hash of the features is the batch row's.
            Assert.Equal(RiskService.HashRow(row), service.LastAuditedInput());
            Assert.Equal($"{ServingHospital.MortalityId}@1", assessment.Method!.Coding[0].Code);
            var basis = assessment.Basis.Select(b => b.Reference).ToArray();
            Assert.Equal("Patient/" + hospital.SourceKeys[patient], basis[0]);
            Assert.Contains(basis, b => b!.StartsWith("Encounter/", StringComparison.Ordinal));
            Assert.Contains(basis, b => b!.StartsWith("Observation/", StringComparison.Ordinal));
            Assert.StartsWith("Top reasons: ", assessment.Prediction[0].Rationale, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task Cds_hooks_patient_view_from_a_prefetch_gives_the_same_risk_as_the_batch_row()
    {
        var service = await hospital.Host();
        var reader = new FhirBundleReader();
        foreach (var (patient, row, _) in LatestSamples(hospital.Readmission, 2))
        {
            var bundle = reader.ReadBundle(File.ReadAllBytes(hospital.BundleOf(patient)));
            using var response = await service.Client.PostAsync($"/cds-services/{ServingHospital.ReadmissionId}", new StringContent(CdsPatientView.Request(bundle), Encoding.UTF8, "application/json"));
            string json = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, json);

            Assert.Equal(RiskService.HashRow(row), service.LastAuditedInput());
            var card = JsonDocument.Parse(json).RootElement.GetProperty("cards")[0];
            double risk = ModelRisk(hospital.ReadmissionModel, hospital.Readmission, row);
            Assert.StartsWith($"{risk * 100:0}% risk of readmission within 30 days", card.GetProperty("summary").GetString(), StringComparison.Ordinal);
            Assert.Contains("Top reasons:", card.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task A_store_patients_risk_and_trend_come_from_their_batch_task_rows()
    {
        var service = await hospital.Host();
        var dataset = hospital.Mortality;
        var (patient, row, _) = LatestSamples(dataset, 1)[0];

        var detail = JsonDocument.Parse(await service.Client.GetStringAsync($"/api/patients/{patient}/risk?model={ServingHospital.MortalityId}&reasons=3")).RootElement;

        Assert.Equal(ModelRisk(hospital.MortalityModel, dataset, row), detail.GetProperty("probability").GetDouble(), Agreement);
        var samples = Enumerable.Range(0, dataset.Count).Where(i => dataset.Samples[i].PatientKey == patient).OrderBy(i => dataset.Samples[i].IndexTime).ToArray();
        var trend = detail.GetProperty("trend").EnumerateArray().ToArray();
        Assert.Equal(samples.Length, trend.Length);
        for (int t = 0; t < trend.Length; t++)
        {
            Assert.Equal(ModelRisk(hospital.MortalityModel, dataset, dataset.Tabular.Inputs.Row(samples[t]).ToArray()), trend[t].GetProperty("probability").GetDouble(), Agreement);
        }

        Assert.Equal(3, detail.GetProperty("reasons").GetArrayLength());
        var list = JsonDocument.Parse(await service.Client.GetStringAsync($"/api/patients?model={ServingHospital.MortalityId}&limit=5")).RootElement.EnumerateArray().ToArray();
        Assert.Equal(5, list.Length);
        Assert.All(list, p => Assert.Matches(@"^p\d+ · [FM] · \d+\+? y$", p.GetProperty("label").GetString()));
        Assert.All(list, p => Assert.InRange(p.GetProperty("probability").GetDouble(), 0, 1));
    }

    [Fact]
    public async System.Threading.Tasks.Task The_model_card_carries_the_bundles_tripod_items_metrics_and_features()
    {
        var service = await hospital.Host();

        var card = JsonDocument.Parse(await service.Client.GetStringAsync($"/api/models/{ServingHospital.MortalityId}")).RootElement;

        var reporting = card.GetProperty("card").GetProperty("reporting").EnumerateArray().ToDictionary(i => i.GetProperty("item").GetString()!, i => i.GetProperty("text").GetString());
        Assert.Equal(hospital.Mortality.Definition, reporting["Outcome definition"]);
        Assert.Equal("Median imputation with missing-value indicators", reporting["Missing data"]);
        Assert.Null(reporting["Data dates"]);
        Assert.StartsWith("2-fold cross-validation grouped by patient", reporting["Evaluation"], StringComparison.Ordinal);
        var auroc = card.GetProperty("card").GetProperty("metrics").EnumerateArray().First(m => m.GetProperty("name").GetString() == "AUROC" && m.GetProperty("subgroup").ValueKind == JsonValueKind.Null);
        Assert.True(auroc.GetProperty("lower").GetDouble() <= auroc.GetProperty("value").GetDouble());
        Assert.Equal("Demonstration of Galen's serving path; not for clinical use", card.GetProperty("card").GetProperty("intendedUse").GetString());
        Assert.Equal(hospital.Mortality.Tabular.Inputs.Columns, card.GetProperty("features").GetArrayLength());
        Assert.Equal("in_hospital_mortality", card.GetProperty("lineage").GetProperty("taskParameters").GetProperty("task").GetString());
    }

    [Fact]
    public async System.Threading.Tasks.Task Reasons_are_the_models_own_largest_contributions_in_clinical_words()
    {
        var service = await hospital.Host();
        var dataset = hospital.Mortality;
        var (_, row, _) = LatestSamples(dataset, 1)[0];
        var features = dataset.Tabular.Inputs.Features;
        var body = JsonSerializer.Serialize(new
        {
            features = features.Select((f, j) => (f.Name, Value: row[j])).Where(p => !float.IsNaN(p.Value)).ToDictionary(p => p.Name, p => (double)p.Value),
            reasons = 3,
        });

        var response = JsonDocument.Parse(await (await service.Client.PostAsync($"/api/models/{ServingHospital.MortalityId}/predict", new StringContent(body, Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync()).RootElement;

        var contributions = ((IExplainableModel)hospital.MortalityModel).Explain(new FeatureMatrix(features, row)).Row(0).ToArray();
        var expected = Enumerable.Range(0, features.Count).Where(j => contributions[j] != 0).OrderByDescending(j => Math.Abs(contributions[j])).Take(3).ToArray();
        var reasons = response.GetProperty("reasons").EnumerateArray().ToArray();
        Assert.Equal(expected.Select(j => features[j].Name), reasons.Select(r => r.GetProperty("feature").GetString()));
        Assert.Equal(expected.Select(j => contributions[j]), reasons.Select(r => r.GetProperty("contribution").GetDouble()));
        Assert.Equal(expected.Select(j => features[j].DisplayName), reasons.Select(r => r.GetProperty("displayName").GetString()));
        Assert.Equal(ModelRisk(hospital.MortalityModel, dataset, row), response.GetProperty("probability").GetDouble(), Agreement);
    }

    [Fact]
    public async System.Threading.Tasks.Task Concurrent_predictions_agree_with_single_threaded_ones()
    {
        var service = await hospital.Host();
        var dataset = hospital.Readmission;
        var rows = Enumerable.Range(0, 40).Select(i => dataset.Tabular.Inputs.Row(i % dataset.Count).ToArray()).ToArray();
        string Body(float[] row) => JsonSerializer.Serialize(new
        {
            features = dataset.Tabular.Inputs.Features.Select((f, j) => (f.Name, Value: row[j])).Where(p => !float.IsNaN(p.Value)).ToDictionary(p => p.Name, p => (double)p.Value),
            reasons = 3,
        });
        async Task<string> Predict(float[] row)
        {
            using var response = await service.Client.PostAsync($"/api/models/{ServingHospital.ReadmissionId}/predict", new StringContent(Body(row), Encoding.UTF8, "application/json"));
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return json.GetProperty("probability").GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture) + json.GetProperty("reasons").ToString();
        }

        var sequential = new List<string>();
        foreach (var row in rows)
        {
            sequential.Add(await Predict(row));
        }

        var concurrent = await System.Threading.Tasks.Task.WhenAll(rows.Select(row => System.Threading.Tasks.Task.Run(() => Predict(row))));

        Assert.Equal(sequential, concurrent);
    }

    [Fact]
    public async System.Threading.Tasks.Task A_model_trained_on_other_features_answers_fhir_with_a_400_that_says_why_and_still_predicts_from_features()
    {
        var service = await hospital.Host();
        var patient = hospital.Mortality.Samples[0].PatientKey;
        var content = new ByteArrayContent(File.ReadAllBytes(hospital.BundleOf(patient)));
        content.Headers.ContentType = new("application/fhir+json");

        using var fhir = await service.Client.PostAsync($"/fhir/RiskAssessment/$predict?model={ServingHospital.BreastCancerId}", content);
        using var rest = await service.Client.PostAsync($"/api/models/{ServingHospital.BreastCancerId}/predict", new StringContent("""{"features": {"mean_radius": 17.99, "worst_area": 2019}, "reasons": 2}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, fhir.StatusCode);
        Assert.Contains("do not compute", await fhir.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(rest.IsSuccessStatusCode, await rest.Content.ReadAsStringAsync());
        Assert.Equal(2, JsonDocument.Parse(await rest.Content.ReadAsStringAsync()).RootElement.GetProperty("reasons").GetArrayLength());
    }

    [Fact]
    public async System.Threading.Tasks.Task De_identification_replaces_identifiers_with_tags_and_says_where_they_were()
    {
        var service = await hospital.Host();
        const string Note = "Patient: Margaret Okonkwo, MRN 4471923, seen 03/14/2021. Call 617-555-0142.";

        var result = JsonDocument.Parse(await (await service.Client.PostAsync("/api/deidentify", new StringContent(JsonSerializer.Serialize(new { text = Note }), Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync()).RootElement;

        string text = result.GetProperty("text").GetString()!;
        Assert.DoesNotContain("Okonkwo", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4471923", text, StringComparison.Ordinal);
        Assert.DoesNotContain("03/14/2021", text, StringComparison.Ordinal);
        Assert.DoesNotContain("555-0142", text, StringComparison.Ordinal);
        Assert.Contains("[DATE]", text, StringComparison.Ordinal);
        var found = result.GetProperty("found").EnumerateArray().ToArray();
        Assert.Contains(found, f => Note.Substring(f.GetProperty("start").GetInt32(), f.GetProperty("length").GetInt32()).Contains("Okonkwo", StringComparison.Ordinal));
        Assert.Contains(found, f => f.GetProperty("type").GetString() == "Mrn");
    }

}
