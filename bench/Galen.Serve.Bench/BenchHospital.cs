using System.Diagnostics;
using Galen.Cli.Serving;
using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Output;
using Galen.Data.Tasks;
using Galen.Learn.Configuration;
using Galen.Learn.Experiments;
using Galen.Learn.Sources;
using Galen.Serve.Registry;

namespace Galen.Serve.Bench;

/// <summary>
/// What the benchmark serves: the demo's models — a logistic regression on in-hospital mortality
/// at 48 h and LightGBM on 30-day readmission — trained on a seeded synthetic hospital written as
/// FHIR Bundles and ingested into a store, saved as tabular bundles and registered in production,
/// as <c>galen demo</c> does.
/// </summary>
internal sealed class BenchHospital
{
    public const string MortalityId = "in-hospital-mortality";
    public const string ReadmissionId = "readmission";

    /// <summary>The demo's sequence network: a GRU over the first day's hourly labs and vitals with context, on in-hospital mortality at 48 h.</summary>
    public const string SeriesId = "in-hospital-mortality-ts-gru";

    public BenchHospital(string root, int patients, int seed)
    {
        var clock = Stopwatch.StartNew();
        string hospital = Path.Combine(root, "hospital");
        HospitalOutputFolder.Prepare(hospital, overwrite: true);
        using (var writer = new FhirWriter(hospital, FhirLayout.Bundles))
        {
            SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = patients, Seed = seed }, writer);
        }

        BundlesFolder = Path.Combine(hospital, "bundles");
        StorePath = Path.Combine(root, "galen.duckdb");
        Registry = ModelRegistry.Open(new RegistryOptions(Path.Combine(root, "registry")));
        var options = new FeatureOptions();
        var mortality = new InHospitalMortalityTask(48);
        var readmission = new ReadmissionTask(30);
        string fingerprint;
        using (var store = ClinicalStore.Open(StorePath))
        {
            store.Ingest(IngestFormat.Fhir, BundlesFolder, new IngestOptions());
            fingerprint = store.Fingerprint;
            var datasets = new TaskBuilder(store, options).Build([mortality, readmission]);
            Mortality = datasets[0];
            Readmission = datasets[1];
            var reader = new Galen.Data.Scoring.StorePatientReader(store);
            SourceKeys = Mortality.Samples.Select(s => s.PatientKey).Distinct().ToDictionary(k => k, k => reader.SourceKeyOf(k)!);
        }

        Console.WriteLine($"synthetic hospital of {patients:N0} patients ingested and tasks built in {clock.Elapsed.TotalSeconds:F1} s: {Mortality.Count:N0} mortality and {Readmission.Count:N0} readmission samples");
        clock.Restart();
        var configuration = new TrainingConfiguration { Seed = seed, Folds = 3, BootstrapResamples = 200, ImportanceRepeats = 1 };
        Register(Mortality, mortality, "logreg", configuration, MortalityId, "In-hospital mortality at 48 h", options, fingerprint, root);
        Register(Readmission, readmission, "lightgbm", configuration, ReadmissionId, "30-day readmission", options, fingerprint, root);
        Console.WriteLine($"trained, saved and registered the two tabular models in {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        RegisterSeries(root, configuration);
        Console.WriteLine($"trained, saved and registered the ts-gru in {clock.Elapsed.TotalSeconds:F1} s");
    }

    public string BundlesFolder { get; }

    public string StorePath { get; }

    public ModelRegistry Registry { get; }

    public TaskDataset Mortality { get; }

    public TaskDataset Readmission { get; }

    /// <summary>Store key → FHIR Patient id (the bundle's file name).</summary>
    public IReadOnlyDictionary<string, string> SourceKeys { get; }

    private void Register(TaskDataset dataset, IClinicalTask task, string trainer, TrainingConfiguration configuration, string id, string title, FeatureOptions options, string fingerprint, string root)
    {
        var facts = new ModelCardFacts(DataSource: "Galen synthetic hospital", Cohort: "Inpatient stays", Outcome: dataset.Definition);
        var data = new TrainingData(dataset.Task, dataset.Tabular, facts, []);
        var trained = ModelComparison.Run(data, [trainer], configuration).Best;
        string path = Path.Combine(root, $"{dataset.Task}-{trainer}{ModelBundle.Extension}");
        var manifest = TabularBundles.Save(path, trained, data, configuration);
        var entry = Registry.Register(new ModelRegistration(id, ServedBundleFormats.Tabular, path, title, ServingLineage.ForTask(manifest, task, options, fingerprint), "bench"));
        Registry.Promote(id, entry.Version, "bench");
    }

    /// <summary>A patient whose latest stay is a mortality sample (for the patient-risk run).</summary>
    public string PatientKey => Mortality.Samples[^1].PatientKey;

    /// <summary>The ts-gru trained as <c>galen train --task mortality --model ts-gru</c> trains it (every shape, the first day's hourly series), registered under <see cref="SeriesId"/>.</summary>
    private void RegisterSeries(string root, TrainingConfiguration configuration)
    {
        Galen.Cli.Learning.TaskTrainingData data;
        using (var store = ClinicalStore.Open(StorePath))
        {
            data = Galen.Cli.Learning.ClinicalTaskSource.Load(store, [new TaskSpec("mortality", 48)], cache: false)[0];
        }

        using var result = Galen.Cli.Learning.TaskExperiment.Run(data, ["ts-gru"], configuration with { BootstrapResamples = 50, ImportanceRepeats = 0 }, new Galen.Cli.Learning.SequenceTraining { Epochs = 5 });
        string path = Path.Combine(root, $"mortality-ts-gru{ModelBundle.Extension}");
        var manifest = Galen.Cli.Learning.ModelBundles.Save(path, result.Models[0], result);
        var entry = Registry.Register(new ModelRegistration(SeriesId, ServedBundleFormats.Deep, path, "In-hospital mortality at 48 h (ts-gru)", ServingLineage.ForTask(manifest, data.Spec.Create(), data.Features, data.Dataset.Fingerprint), "bench"));
        Registry.Promote(SeriesId, entry.Version, "bench");
    }

    /// <summary>A <c>predict</c> body: one mortality sample's non-missing features and 3 reasons.</summary>
    public string PredictBody()
    {
        var inputs = Mortality.Tabular.Inputs;
        var features = new Dictionary<string, double>();
        for (int j = 0; j < inputs.Columns; j++)
        {
            if (!float.IsNaN(inputs[0, j]))
            {
                features[inputs.Features[j].Name] = inputs[0, j];
            }
        }

        return System.Text.Json.JsonSerializer.Serialize(new { features, reasons = 3 });
    }
}
