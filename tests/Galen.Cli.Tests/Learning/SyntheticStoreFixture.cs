using Galen.Cli.Demo;
using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Output;

namespace Galen.Cli.Tests.Learning;

/// <summary>
/// A small synthetic hospital (MIMIC-style CSV with ground truth) ingested into a store file,
/// made once for the tests that train on clinical tasks.
/// </summary>
public sealed class SyntheticStoreFixture : IDisposable
{
    public const int Patients = 1500;

    public SyntheticStoreFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "galen-cli-pipeline-" + Guid.NewGuid().ToString("N"));
        Hospital = Path.Combine(Folder, "hospital");
        HospitalOutputFolder.Prepare(Hospital, overwrite: true);
        using (var writer = new MimicCsvWriter(Hospital))
        {
            SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = Patients, Seed = 7 }, writer);
        }

        Store = Path.Combine(Folder, ClinicalStore.DefaultFileName);
        using var store = ClinicalStore.Open(Store);
        store.Ingest(IngestFormat.Mimic, Hospital, new IngestOptions { LatestValidTime = SyntheticHospitalStage.SyntheticExtractEnd });
    }

    /// <summary>Folder holding everything the fixture wrote.</summary>
    public string Folder { get; }

    /// <summary>The hospital's folder (tables, ground_truth/).</summary>
    public string Hospital { get; }

    /// <summary>The store file.</summary>
    public string Store { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>Tests that train networks run one at a time: libtorch's random generator and threads are process-wide.</summary>
[CollectionDefinition(Name)]
public sealed class TrainingCollection : ICollectionFixture<SyntheticStoreFixture>
{
    public const string Name = "training on the synthetic hospital";
}
