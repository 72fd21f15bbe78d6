using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Output;
using Galen.Text.Corpus;

namespace Galen.Text.Tests.Store;

/// <summary>
/// A small synthetic hospital written in MIMIC format, ingested into a Galen store, with its
/// annotated notes (the PHI the generator wrote, for scanning the de-identified output). Built
/// once per test class.
/// </summary>
public sealed class SyntheticStore : IDisposable
{
    public SyntheticStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "galen-text-store-" + Guid.NewGuid().ToString("N"));
        string extract = Path.Combine(Folder, "extract");
        using (var writer = new MimicCsvWriter(extract))
        {
            SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = 40, Seed = 23 }, writer);
        }

        StorePath = Path.Combine(Folder, "galen.duckdb");
        using (var store = ClinicalStore.Open(StorePath))
        {
            store.Ingest(IngestFormat.Mimic, extract, new IngestOptions());
        }

        Notes = AnnotatedCorpus.Read(extract);
        Extract = extract;
    }

    public string Folder { get; }

    public string Extract { get; }

    public string StorePath { get; }

    /// <summary>Every note with the PHI spans the generator annotated.</summary>
    public IReadOnlyList<AnnotatedNote> Notes { get; }

    /// <summary>A fresh path for an output store inside this fixture's folder.</summary>
    public string NewOutput() => Path.Combine(Folder, "out-" + Guid.NewGuid().ToString("N"), "galen.duckdb");

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
