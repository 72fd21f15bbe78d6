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

namespace Galen.Cli.Tests.Serving;

/// <summary>
/// A small synthetic hospital written as FHIR Bundles (one per patient), ingested into a store,
/// its mortality and readmission tasks built, a logistic regression (mortality) and LightGBM
/// (readmission) trained on them, saved as bundles and registered in production — the path a
/// hospital's data team takes. Tests then score the same patients through the service and
/// compare with the batch task rows and the models themselves.
/// </summary>
public sealed class ServingHospital : IDisposable
{
    public const string MortalityId = "in-hospital-mortality";
    public const string ReadmissionId = "readmission";
    public const string BreastCancerId = "breast-cancer";

    public ServingHospital()
    {
        Root = Path.Combine(Path.GetTempPath(), "galen-serving-" + Guid.NewGuid().ToString("N"));
        string hospital = Path.Combine(Root, "hospital");
        HospitalOutputFolder.Prepare(hospital, overwrite: true);
        using (var writer = new FhirWriter(hospital, FhirLayout.Bundles))
        {
            SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = 220, Seed = 31, BatchSize = 64 }, writer);
        }

        BundlesFolder = Path.Combine(hospital, "bundles");
        StorePath = Path.Combine(Root, "galen.duckdb");
        var mortality = new InHospitalMortalityTask(48);
        var readmission = new ReadmissionTask(30);
        string registryRoot = Path.Combine(Root, "registry");
        Registry = ModelRegistry.Open(new RegistryOptions(registryRoot));
        using (var store = ClinicalStore.Open(StorePath))
        {
            store.Ingest(IngestFormat.Fhir, BundlesFolder, new IngestOptions());
            Fingerprint = store.Fingerprint;
            var datasets = new TaskBuilder(store, Features).Build([mortality, readmission]);
            Mortality = datasets[0];
            Readmission = datasets[1];
            var reader = new Galen.Data.Scoring.StorePatientReader(store);
            SourceKeys = Mortality.Samples.Concat(Readmission.Samples).Select(s => s.PatientKey).Distinct().ToDictionary(k => k, k => reader.SourceKeyOf(k)!);
        }

        var configuration = new TrainingConfiguration { Seed = 7, Folds = 2, BootstrapResamples = 50, ImportanceRepeats = 1 };
        (MortalityModel, MortalityBundle) = Train(Mortality, mortality, "logreg", configuration, MortalityId, "In-hospital mortality at 48 h");
        (ReadmissionModel, ReadmissionBundle) = Train(Readmission, readmission, "lightgbm", configuration, ReadmissionId, "30-day readmission");
        var wdbc = Galen.Learn.Datasets.BuiltInDatasets.BreastCancer();
        var wdbcModel = ModelComparison.Run(wdbc, ["logreg"], configuration).Best;
        string wdbcPath = Path.Combine(Root, "breast-cancer-logreg" + ModelBundle.Extension);
        var wdbcManifest = TabularBundles.Save(wdbcPath, wdbcModel, wdbc, configuration);
        var wdbcEntry = Registry.Register(new ModelRegistration(BreastCancerId, ServedBundleFormats.Tabular, wdbcPath, "Breast cancer (WDBC)", ServingLineage.FromManifest(wdbcManifest), "test"));
        Registry.Promote(BreastCancerId, wdbcEntry.Version, "test");
    }

    /// <summary>The feature options the tasks were built with.</summary>
    public static FeatureOptions Features { get; } = new();

    public string Root { get; }

    public string BundlesFolder { get; }

    public string StorePath { get; }

    public string Fingerprint { get; }

    public ModelRegistry Registry { get; }

    /// <summary>Store key → the FHIR Patient id (the bundle's file name).</summary>
    public IReadOnlyDictionary<string, string> SourceKeys { get; }

    public TaskDataset Mortality { get; }

    public TaskDataset Readmission { get; }

    public IModel<FeatureMatrix> MortalityModel { get; }

    public IModel<FeatureMatrix> ReadmissionModel { get; }

    public string MortalityBundle { get; }

    public string ReadmissionBundle { get; }

    /// <summary>The FHIR Bundle file of the patient with store key <paramref name="patientKey"/> ("p" + person id).</summary>
    public string BundleOf(string patientKey)
    {
        return Path.Combine(BundlesFolder, SourceKeys[patientKey] + ".json");
    }

    private Lazy<Task<ServingHost>>? _host;

    /// <summary>The service over this hospital's registry and store, started on first use and shared.</summary>
    internal Task<ServingHost> Host() => (_host ??= new Lazy<Task<ServingHost>>(() => ServingHost.StartAsync(this))).Value;

    public void Dispose()
    {
        if (_host is { IsValueCreated: true })
        {
            _host.Value.GetAwaiter().GetResult().DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A host may still hold the store for a moment; the temp folder is cleaned by the OS.
        }
    }

    private (IModel<FeatureMatrix> Model, string Bundle) Train(TaskDataset dataset, IClinicalTask task, string trainer, TrainingConfiguration configuration, string id, string title)
    {
        var facts = new ModelCardFacts(
            DataSource: "Galen synthetic hospital (FHIR Bundles, seed 31)",
            Cohort: "Adult inpatient stays",
            Outcome: dataset.Definition,
            Predictors: "Demographics, utilisation, diagnosis categories and lab / vital aggregates known at the index time",
            MissingData: "Median imputation with missing-value indicators",
            IntendedUse: "Demonstration of Galen's serving path; not for clinical use",
            Limitations: "Synthetic data only");
        var data = new TrainingData(dataset.Task, dataset.Tabular, facts, []);
        var trained = ModelComparison.Run(data, [trainer], configuration).Best;
        string path = Path.Combine(Root, $"{dataset.Task}-{trainer}{ModelBundle.Extension}");
        var manifest = TabularBundles.Save(path, trained, data, configuration);
        var entry = Registry.Register(new ModelRegistration(id, ServedBundleFormats.Tabular, path, title, ServingLineage.ForTask(manifest, task, Features, Fingerprint), "test"));
        Registry.Promote(id, entry.Version, "test");
        return (trained.Model, path);
    }
}

[CollectionDefinition(Name)]
public sealed class ServingCollection : ICollectionFixture<ServingHospital>
{
    public const string Name = "serving hospital";
}
