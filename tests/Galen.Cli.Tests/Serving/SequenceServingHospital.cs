using Galen.Cli.Learning;
using Galen.Cli.Serving;
using Galen.Core.Bundles;
using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Output;
using Galen.Data.Tasks;
using Galen.Learn.Configuration;
using Galen.Serve.Registry;

namespace Galen.Cli.Tests.Serving;

/// <summary>
/// A small synthetic hospital written as FHIR Bundles and ingested into a store; its mortality
/// task built with every shape (as <c>galen train --task</c> builds it); a time-series GRU, a
/// RETAIN and a visit GRU trained on it by the training code, saved as bundles and registered in
/// production. Tests score the same patients through the service and compare with the trained
/// networks' own predictions on the task's samples.
/// </summary>
public sealed class SequenceServingHospital : IDisposable
{
    public const string SeriesId = "mortality-ts-gru";
    public const string RetainId = "mortality-retain";
    public const string VisitGruId = "mortality-gru";

    private Lazy<Task<ServingHost>>? _host;

    public SequenceServingHospital()
    {
        Root = Path.Combine(Path.GetTempPath(), "galen-seq-serving-" + Guid.NewGuid().ToString("N"));
        string hospital = Path.Combine(Root, "hospital");
        HospitalOutputFolder.Prepare(hospital, overwrite: true);
        using (var writer = new FhirWriter(hospital, FhirLayout.Bundles))
        {
            SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = 240, Seed = 41, BatchSize = 64 }, writer);
        }

        BundlesFolder = Path.Combine(hospital, "bundles");
        StorePath = Path.Combine(Root, "galen.duckdb");
        Registry = ModelRegistry.Open(new RegistryOptions(Path.Combine(Root, "registry")));
        using (var store = ClinicalStore.Open(StorePath))
        {
            store.Ingest(IngestFormat.Fhir, BundlesFolder, new IngestOptions());
            Data = ClinicalTaskSource.Load(store, [new TaskSpec("mortality")], cache: false)[0];
            var reader = new Galen.Data.Scoring.StorePatientReader(store);
            SourceKeys = Data.Dataset.Samples.Select(s => s.PatientKey).Distinct().ToDictionary(k => k, k => reader.SourceKeyOf(k)!);
        }

        var configuration = new TrainingConfiguration { Seed = 5, BootstrapResamples = 20, ImportanceRepeats = 0 };
        using var result = TaskExperiment.Run(Data, ["logreg", "ts-gru", "retain", "gru"], configuration, new SequenceTraining { Epochs = 2, Threads = 1 });
        TabularBundle = Path.Combine(Root, $"mortality-logreg{ModelBundle.Extension}");
        ModelBundles.Save(TabularBundle, result.Models.Single(m => m.Name == "logreg"), result);
        var offline = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (name, id) in new[] { ("ts-gru", SeriesId), ("retain", RetainId), ("gru", VisitGruId) })
        {
            var model = result.Models.Single(m => m.Name == name);
            string path = Path.Combine(Root, $"mortality-{name}{ModelBundle.Extension}");
            var manifest = ModelBundles.Save(path, model, result);
            // The training code's own predictions for every sample of the task, from the trained network in memory.
            var trained = new LoadedBundle(path, manifest, model.Model, new Dictionary<string, byte[]>());
            offline[id] = ModelBundles.Predict(trained, Data.Dataset).Values.ToArray();
            var entry = Registry.Register(new ModelRegistration(id, ServedBundleFormats.Deep, path, $"In-hospital mortality ({name})", ServingLineage.ForTask(manifest, Data.Spec.Create(), Data.Features, Data.Dataset.Fingerprint), "test"));
            Registry.Promote(id, entry.Version, "test");
        }

        Offline = offline;
    }

    public string Root { get; }

    /// <summary>A logistic regression on the same task, saved beside the networks' bundles (not registered).</summary>
    public string TabularBundle { get; }

    public string BundlesFolder { get; }

    public string StorePath { get; }

    public ModelRegistry Registry { get; }

    /// <summary>The mortality task as training built it (every shape).</summary>
    public TaskTrainingData Data { get; }

    /// <summary>Model id → the trained network's probability for each sample of <see cref="Data"/>, in sample order.</summary>
    public IReadOnlyDictionary<string, double[]> Offline { get; }

    /// <summary>Store key → the FHIR Patient id (the bundle's file name).</summary>
    public IReadOnlyDictionary<string, string> SourceKeys { get; }

    /// <summary>The FHIR Bundle file of the patient with store key <paramref name="patientKey"/>.</summary>
    public string BundleOf(string patientKey) => Path.Combine(BundlesFolder, SourceKeys[patientKey] + ".json");

    /// <summary>The service over this hospital's registry and store, started on first use and shared.</summary>
    internal Task<ServingHost> Host() => (_host ??= new Lazy<Task<ServingHost>>(() => ServingHost.StartAsync(Registry.Root, StorePath))).Value;

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
}

[CollectionDefinition(Name)]
public sealed class SequenceServingCollection : ICollectionFixture<SequenceServingHospital>
{
    public const string Name = "sequence serving hospital";
}
