using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Galen.Cli.Learning;
using Galen.Cli.Serving;
using Galen.Core.Learning.Sequences;
using Galen.Data.Scoring;
using Galen.Data.Store;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Serve.Fhir;
using Galen.Serve.Models;
using Galen.Serve.Registry;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using TorchSharp;

namespace Galen.Cli.Tests.Serving;

/// <summary>
/// Sequence networks served as <c>galen serve</c> serves them: a time-series GRU, RETAIN and a
/// visit GRU trained on a small hospital's mortality task. For a patient from the store, from a
/// FHIR Bundle and through CDS Hooks, the service gives the probability the training code gives
/// the patient's task sample, with reasons each family can honestly give.
/// </summary>
[Collection(SequenceServingCollection.Name)]
public sealed class SequenceServingTests(SequenceServingHospital hospital)
{
    private const double Agreement = 1e-6;

    private static readonly string[] Models = [SequenceServingHospital.SeriesId, SequenceServingHospital.RetainId, SequenceServingHospital.VisitGruId];

    /// <summary>Patients whose latest stay is a sample of the task (positives first), with that sample's index.</summary>
    private List<(string Patient, int Sample)> LatestSamples(int count)
    {
        var dataset = hospital.Data.Dataset;
        var featurizer = TaskFeaturizer.Create(hospital.Data.Spec.Create(), dataset.Tabular.Inputs.Features, hospital.Data.Features);
        using var store = ClinicalStore.Open(hospital.StorePath);
        var reader = new StorePatientReader(store);
        var found = new List<(string, int)>();
        foreach (int i in Enumerable.Range(0, dataset.Count).OrderByDescending(i => dataset.Tabular.Targets.Row(i)[0]).ThenBy(i => i))
        {
            var sample = dataset.Samples[i];
            if (found.Any(f => f.Item1 == sample.PatientKey))
            {
                continue;
            }

            var current = featurizer.Current(reader.Load(sample.PatientKey)!, reader.DataEnd);
            if (current.IsTaskSample && current.Sample.SampleKey == sample.SampleKey)
            {
                found.Add((sample.PatientKey, i));
            }

            if (found.Count == count)
            {
                break;
            }
        }

        Assert.Equal(count, found.Count);
        return found;
    }

    private static HttpContent FhirContent(string path)
    {
        var content = new ByteArrayContent(File.ReadAllBytes(path));
        content.Headers.ContentType = new("application/fhir+json");
        return content;
    }

    [Fact]
    public async System.Threading.Tasks.Task A_store_patients_risk_and_trend_are_the_training_codes_predictions_for_their_samples()
    {
        var service = await hospital.Host();
        var dataset = hospital.Data.Dataset;
        foreach (string model in Models)
        {
            foreach (var (patient, sample) in LatestSamples(3))
            {
                var detail = JsonDocument.Parse(await service.Client.GetStringAsync($"/api/patients/{patient}/risk?model={model}&reasons=3")).RootElement;

                Assert.Equal(hospital.Offline[model][sample], detail.GetProperty("probability").GetDouble(), Agreement);
                var samples = Enumerable.Range(0, dataset.Count).Where(i => dataset.Samples[i].PatientKey == patient).OrderBy(i => dataset.Samples[i].IndexTime).ToArray();
                var trend = detail.GetProperty("trend").EnumerateArray().Select(t => t.GetProperty("probability").GetDouble()).ToArray();
                Assert.Equal(samples.Length, trend.Length);
                for (int t = 0; t < trend.Length; t++)
                {
                    Assert.Equal(hospital.Offline[model][samples[t]], trend[t], Agreement);
                }

                string method = detail.GetProperty("reasonMethod").GetString()!;
                Assert.Contains(model == SequenceServingHospital.RetainId ? "RETAIN's attention" : "occlusion", method, StringComparison.Ordinal);
                Assert.InRange(detail.GetProperty("reasons").GetArrayLength(), 1, 3);
            }
        }
    }

    [Fact]
    public void One_patients_visits_series_and_context_are_the_batch_tasks_bit_for_bit()
    {
        var dataset = hospital.Data.Dataset;
        var loaded = ModelBundles.Load(hospital.Registry.Find(SequenceServingHospital.SeriesId, 1)!.BundlePath);
        using var model = new SequenceServedModel(loaded);
        var featurizer = TaskFeaturizer.Create(model.Task!.Create(), model.TaskFeatures, model.Options);
        var series = dataset.TimeSeries!.Inputs;
        var batchRows = TaskInputs.Columns(dataset.Tabular.Inputs, model.TaskFeatures.Select(f => f.Name).ToArray(), "batch");
        using var store = ClinicalStore.Open(hospital.StorePath);
        var reader = new StorePatientReader(store);
        int compared = 0;
        foreach (var group in Enumerable.Range(0, dataset.Count).GroupBy(i => dataset.Samples[i].PatientKey).Take(60))
        {
            var timeline = reader.Load(group.Key)!;
            var samples = hospital.Data.Spec.Create().Samples(timeline).ToDictionary(s => s.SampleKey);
            foreach (int i in group)
            {
                var one = featurizer.Dataset(timeline, [samples[dataset.Samples[i].SampleKey]], model.Outcome, model.Channels!.Select(c => c.Name).ToArray(), "patient");

                Assert.Equal(series.Channels, one.TimeSeries!.Inputs.Channels);
                Assert.Equal(series.SampleValues(i).ToArray(), one.TimeSeries.Inputs.SampleValues(0).ToArray());
                Assert.Equal(series.SampleMask(i).ToArray(), one.TimeSeries.Inputs.SampleMask(0).ToArray());
                Assert.Equal(batchRows.Row(i).ToArray(), one.Tabular.Inputs.Row(0).ToArray());
                var visits = dataset.Visits!.Inputs.Sequences[i];
                Assert.Equal(visits.Count, one.Visits!.Inputs.Sequences[0].Count);
                for (int v = 0; v < visits.Count; v++)
                {
                    Assert.Equal(visits[v].HoursBeforeIndex, one.Visits.Inputs.Sequences[0][v].HoursBeforeIndex);
                    Assert.Equal(visits[v].CodesByChannel, one.Visits.Inputs.Sequences[0][v].CodesByChannel);
                }

                compared++;
            }
        }

        Assert.True(compared > 60, $"only {compared} samples compared");
    }

    [Fact]
    public async System.Threading.Tasks.Task Fhir_predict_gives_the_training_codes_prediction_and_audits_the_same_input_as_the_store_path()
    {
        var service = await hospital.Host();
        var parser = new FhirJsonDeserializer();
        foreach (string model in Models)
        {
            foreach (var (patient, sample) in LatestSamples(2))
            {
                using var stored = await service.Client.GetAsync($"/api/patients/{patient}/risk?model={model}&reasons=0");
                Assert.True(stored.IsSuccessStatusCode, await stored.Content.ReadAsStringAsync());
                string storeInput = service.LastAuditedInput();

                using var response = await service.Client.PostAsync($"/fhir/RiskAssessment/$predict?model={model}&reasons=2", FhirContent(hospital.BundleOf(patient)));
                string json = await response.Content.ReadAsStringAsync();
                Assert.True(response.IsSuccessStatusCode, json);

                var assessment = parser.Deserialize<RiskAssessment>(json);
                double served = (double)((FhirDecimal)assessment.Prediction[0].Probability!).Value!.Value;
                Assert.Equal(hospital.Offline[model][sample], served, Agreement);
                // The same visits, series and context from FHIR as from the store: the same audited input hash.
                Assert.Equal(storeInput, service.LastAuditedInput());
                Assert.Equal($"{model}@1", assessment.Method!.Coding[0].Code);
                Assert.StartsWith("Top reasons: ", assessment.Prediction[0].Rationale, StringComparison.Ordinal);
                Assert.EndsWith($"({(model == SequenceServingHospital.RetainId ? SequenceServedModel.RetainMethod : model == SequenceServingHospital.SeriesId ? SequenceServedModel.SeriesOcclusionMethod : SequenceServedModel.VisitOcclusionMethod)})", assessment.Prediction[0].Rationale, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task Cds_hooks_patient_view_scores_the_time_series_network_and_says_how_its_reasons_were_found()
    {
        var service = await hospital.Host();
        var reader = new FhirBundleReader();
        var (patient, sample) = LatestSamples(1)[0];
        var bundle = reader.ReadBundle(File.ReadAllBytes(hospital.BundleOf(patient)));
        using var response = await service.Client.PostAsync($"/cds-services/{SequenceServingHospital.SeriesId}", new StringContent(CdsPatientView.Request(bundle), Encoding.UTF8, "application/json"));
        string json = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, json);

        var card = JsonDocument.Parse(json).RootElement.GetProperty("cards")[0];
        double risk = hospital.Offline[SequenceServingHospital.SeriesId][sample];
        Assert.StartsWith((risk * 100).ToString("0", CultureInfo.InvariantCulture) + "% risk of", card.GetProperty("summary").GetString(), StringComparison.Ordinal);
        string detail = card.GetProperty("detail").GetString()!;
        Assert.Contains("Top reasons:", detail, StringComparison.Ordinal);
        Assert.Contains(SequenceServedModel.SeriesOcclusionMethod, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Occlusion_reasons_of_the_visit_gru_are_the_change_in_log_odds_the_trained_network_gives_without_the_code()
    {
        var service = await hospital.Host();
        var (patient, sample) = LatestSamples(1)[0];
        var detail = JsonDocument.Parse(await service.Client.GetStringAsync($"/api/patients/{patient}/risk?model={SequenceServingHospital.VisitGruId}&reasons=2")).RootElement;
        var reason = detail.GetProperty("reasons")[0];
        string code = reason.GetProperty("feature").GetString()!;

        // Independently: the patient's task visits with and without the code, through the reloaded network.
        var visits = hospital.Data.Dataset.Visits!.Inputs.Sequences[sample];
        var without = visits
            .Select(v => new VisitCodes(v.HoursBeforeIndex, v.CodesByChannel.Select(c => (IReadOnlyList<string>)c.Where(k => k != code).ToArray()).ToArray()))
            .Where(v => v.CodesByChannel.Any(c => c.Count > 0))
            .ToArray();
        Assert.Contains(visits, v => v.CodesByChannel.Any(c => c.Contains(code)));
        var loaded = ModelBundles.Load(hospital.Registry.Find(SequenceServingHospital.VisitGruId, 1)!.BundlePath);
        using var network = (VisitSequenceModel)loaded.Model;
        var both = network.Predict(SequenceInputAdapter.ToVisitInputs(new VisitSequenceSet(["condition", "procedure", "drug"], [visits, without]))).Values.ToArray();
        static double Logit(double p) => Math.Log(p / (1 - p));

        Assert.Equal(Logit(both[0]) - Logit(both[1]), reason.GetProperty("contribution").GetDouble(), 1e-5);
        Assert.Equal(hospital.Offline[SequenceServingHospital.VisitGruId][sample], both[0], Agreement);
    }

    [Fact]
    public async System.Threading.Tasks.Task Retain_reasons_are_its_own_attention_contributions_summed_over_the_patients_visits()
    {
        var service = await hospital.Host();
        var (patient, sample) = LatestSamples(1)[0];
        var detail = JsonDocument.Parse(await service.Client.GetStringAsync($"/api/patients/{patient}/risk?model={SequenceServingHospital.RetainId}&reasons=20")).RootElement;
        var served = detail.GetProperty("reasons").EnumerateArray().ToDictionary(r => r.GetProperty("feature").GetString()!, r => r.GetProperty("contribution").GetDouble());

        var loaded = ModelBundles.Load(hospital.Registry.Find(SequenceServingHospital.RetainId, 1)!.BundlePath);
        using var network = (VisitSequenceModel)loaded.Model;
        var visits = hospital.Data.Dataset.Visits!.Inputs.Sequences[sample];
        var explanation = network.Explain(SequenceInputAdapter.ToVisitInputs(new VisitSequenceSet(["condition", "procedure", "drug"], [visits])))[0];
        var expected = explanation.Visits.SelectMany(v => v.Codes).GroupBy(c => c.Code.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Contribution));

        Assert.NotEmpty(served);
        foreach (var (code, contribution) in served)
        {
            // Float32 arithmetic: libtorch's threaded kernels may group sums differently from one call to the next under load.
            Assert.Equal(expected[code], contribution, 1e-6);
        }

        // The strongest codes, in order.
        Assert.Equal(expected.OrderByDescending(p => Math.Abs(p.Value)).ThenBy(p => p.Key, StringComparer.Ordinal).Take(served.Count).Select(p => p.Key), served.Keys);
        Assert.Equal(hospital.Offline[SequenceServingHospital.RetainId][sample], explanation.Prediction, Agreement);
    }

    [Fact]
    public async System.Threading.Tasks.Task Concurrent_predictions_of_the_networks_agree_with_single_threaded_ones()
    {
        var service = await hospital.Host();
        var requests = LatestSamples(4).SelectMany(p => Models.Select(m => $"/api/patients/{p.Patient}/risk?model={m}&reasons=3")).ToArray();
        async Task<JsonElement> Risk(string path) => JsonDocument.Parse(await service.Client.GetStringAsync(path)).RootElement;

        var sequential = new List<JsonElement>();
        foreach (string path in requests)
        {
            sequential.Add(await Risk(path));
        }

        var concurrent = await System.Threading.Tasks.Task.WhenAll(requests.Concat(requests).Select(path => System.Threading.Tasks.Task.Run(() => Risk(path))));

        // The same answers; numbers to float32 precision, since libtorch's threaded CPU kernels may
        // group sums differently from one call to the next on a busy machine.
        for (int i = 0; i < concurrent.Length; i++)
        {
            var one = sequential[i % sequential.Count];
            var other = concurrent[i];
            Assert.Equal(one.GetProperty("probability").GetDouble(), other.GetProperty("probability").GetDouble(), 1e-6);
            Assert.Equal(Numbers(one, "trend", "probability"), Numbers(other, "trend", "probability"), (x, y) => Math.Abs(x - y) < 1e-6);
            Assert.Equal(one.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("feature").GetString()), other.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("feature").GetString()));
            Assert.Equal(Numbers(one, "reasons", "contribution"), Numbers(other, "reasons", "contribution"), (x, y) => Math.Abs(x - y) < 1e-5);
        }

        static double[] Numbers(JsonElement answer, string list, string field) => answer.GetProperty(list).EnumerateArray().Select(e => e.GetProperty(field).GetDouble()).ToArray();
    }

    [Fact]
    public async System.Threading.Tasks.Task Repeated_predictions_free_every_tensor_and_feature_rows_are_refused_with_a_400()
    {
        var service = await hospital.Host();
        using var refused = await service.Client.PostAsync($"/api/models/{SequenceServingHospital.SeriesId}/predict", new StringContent("""{"features": {"age_years": 70}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not a row of feature values", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var batch = await service.Client.PostAsync($"/api/models/{SequenceServingHospital.SeriesId}/batch", new StringContent("age_years\n70\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, batch.StatusCode);
        Assert.Contains("cannot score a CSV or NDJSON batch", await batch.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (patient, sample) = LatestSamples(1)[0];
        var loader = Assert.Single(ServedBundleFormats.Loaders(), l => l.Format == ServedBundleFormats.Deep);
        var entry = hospital.Registry.Find(SequenceServingHospital.SeriesId, 1)!;
        using var model = Assert.IsType<SequenceServedModel>(loader.Load(entry, default));
        var featurizer = TaskFeaturizer.Create(model.Task!.Create(), model.TaskFeatures, model.Options);
        using var store = ClinicalStore.Open(hospital.StorePath);
        var reader = new StorePatientReader(store);
        var timeline = reader.Load(patient)!;
        var input = model.InputFor(featurizer, timeline, featurizer.Current(timeline, reader.DataEnd).Sample);
        var first = model.PredictPatient(input, 5);
        long live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(first, model.PredictPatient(input, 5), RiskEquality.Instance);
        }

        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Equal(hospital.Offline[SequenceServingHospital.SeriesId][sample], first.Probability, Agreement);
    }

    [Fact]
    public void The_demo_serves_the_sequence_networks_trained_on_a_data_set_beside_its_best_tabular_model()
    {
        var tabular = new Demo.ServableModel("in-hospital-mortality", ServedBundleFormats.Tabular, hospital.TabularBundle, "In-hospital mortality (logreg)",
            ServingLineage.FromManifest(Core.Bundles.ModelBundle.ReadManifest(hospital.TabularBundle)));

        var servable = Demo.ServeStage.WithSequenceNetworks([tabular]);

        Assert.Equal(["in-hospital-mortality", "in-hospital-mortality-gru", "in-hospital-mortality-retain", "in-hospital-mortality-ts-gru"], servable.Select(m => m.ModelId));
        Assert.Equal(tabular, servable[0]);
        Assert.All(servable.Skip(1), m => Assert.Equal(ServedBundleFormats.Deep, m.Format));
        Assert.Equal(Path.Combine(hospital.Root, "mortality-ts-gru.galen"), servable[3].BundleFile);
    }


    /// <summary>The same probability and the same reasons in the same order (numbers to float32 precision: libtorch's threaded kernels may group sums differently under load).</summary>
    private sealed class RiskEquality : IEqualityComparer<RiskPrediction>
    {
        public static readonly RiskEquality Instance = new();

        public bool Equals(RiskPrediction? x, RiskPrediction? y) =>
            x is not null && y is not null && Math.Abs(x.Probability - y.Probability) < 1e-6 && x.ReasonMethod == y.ReasonMethod
            && x.Reasons.Select(r => (r.Feature, r.Value)).SequenceEqual(y.Reasons.Select(r => (r.Feature, r.Value)))
            && x.Reasons.Zip(y.Reasons).All(p => Math.Abs(p.First.Contribution - p.Second.Contribution) < 1e-5);

        public int GetHashCode(RiskPrediction obj) => obj.Probability.GetHashCode();
    }
}
