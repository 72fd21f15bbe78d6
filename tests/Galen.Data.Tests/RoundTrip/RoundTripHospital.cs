using System.Globalization;
using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Model;
using Galen.Data.Synthetic.Output;
using Galen.Data.Tasks;
using Galen.Data.Tests.Synthetic;

namespace Galen.Data.Tests.RoundTrip;

/// <summary>
/// One small synthetic hospital written in every format Galen reads (MIMIC CSV, OMOP CSV, FHIR
/// bulk NDJSON, FHIR per-patient Bundles), each folder ingested into its own store with default
/// options (no flags: the synthetic manifest supplies what the ingest needs), and the tasks built
/// from each store. Generated once per test class.
/// </summary>
public sealed class RoundTripHospital : IDisposable
{
    public const int PatientCount = 200;
    public const int Seed = 31;

    private readonly TempFolder _folder = new();

    public RoundTripHospital()
    {
        var collecting = new CollectingWriter();
        using (var tee = new TeeWriter(
            collecting,
            new MimicCsvWriter(Path.Combine(_folder.Path, "mimic")),
            new OmopCsvWriter(Path.Combine(_folder.Path, "omop")),
            new FhirWriter(Path.Combine(_folder.Path, "fhir"), FhirLayout.Ndjson),
            new FhirWriter(Path.Combine(_folder.Path, "bundles"), FhirLayout.Bundles)))
        {
            Summary = SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = PatientCount, Seed = Seed, BatchSize = 64 }, tee);
        }

        Patients = collecting.Patients;
        Extracts =
        [
            Ingest("mimic", IngestFormat.Mimic, "mimic"),
            Ingest("omop", IngestFormat.Omop, "omop"),
            Ingest("fhir-ndjson", IngestFormat.Fhir, "fhir"),
            Ingest("fhir-bundles", IngestFormat.Fhir, "bundles"),
        ];
    }

    /// <summary>The tasks every store is checked on.</summary>
    public static IClinicalTask[] Tasks() =>
    [
        new InHospitalMortalityTask(48),
        new ReadmissionTask(30),
        new LengthOfStayTask(24, 7),
        new DrugRecommendationTask(3),
        new NextVisitDiagnosisTask(categories: true),
    ];

    /// <summary>The generator's own patients (the same ones every format holds).</summary>
    public List<SyntheticPatient> Patients { get; }

    public SyntheticHospitalSummary Summary { get; }

    public IReadOnlyList<IngestedExtract> Extracts { get; }

    /// <summary>The MIMIC folder (ground truth files are the same in every folder).</summary>
    public string Folder(string name) => Path.Combine(_folder.Path, name);

    public void Dispose()
    {
        foreach (var extract in Extracts)
        {
            extract.Store.Dispose();
        }

        _folder.Dispose();
    }

    private IngestedExtract Ingest(string name, IngestFormat format, string folder)
    {
        var store = ClinicalStore.InMemory();
        var report = store.Ingest(format, Folder(folder), new IngestOptions());
        var builder = new TaskBuilder(store, new FeatureOptions { Shapes = TaskShapes.Tabular });
        var datasets = builder.Build(Tasks());
        var hadmOfVisit = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var reader = Sql.Reader(store.Connection, "SELECT visit_occurrence_id, visit_source_value FROM visit_occurrence"))
        {
            while (reader.Read())
            {
                hadmOfVisit["v" + reader.GetInt64(0).ToString(CultureInfo.InvariantCulture)] = long.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
            }
        }

        var labels = datasets.ToDictionary(d => d.Task, d => LabelsByAdmission(d, hadmOfVisit), StringComparer.Ordinal);
        return new IngestedExtract(name, store, report, labels);
    }

    /// <summary>Each sample's label as text ("1", or the sorted label names of a multi-label target), keyed by HADM_ID.</summary>
    private static Dictionary<long, string> LabelsByAdmission(TaskDataset dataset, Dictionary<string, long> hadmOfVisit)
    {
        var labels = new Dictionary<long, string>();
        var targets = dataset.Tabular.Targets;
        var names = dataset.Schema.Classes;
        for (int i = 0; i < dataset.Count; i++)
        {
            var row = targets.Row(i).ToArray();
            string text = dataset.Schema.Kind == Galen.Core.Learning.LabelKind.MultiLabel
                ? string.Join(' ', Enumerable.Range(0, row.Length).Where(j => row[j] == 1f).Select(j => names[j]))
                : row[0].ToString(CultureInfo.InvariantCulture);
            labels.Add(hadmOfVisit[dataset.Samples[i].SampleKey], text);
        }

        return labels;
    }
}

/// <summary>One format's extract after ingest: the store, the ingest report and every task's labels by HADM_ID.</summary>
public sealed record IngestedExtract(string Name, ClinicalStore Store, IngestReport Report, IReadOnlyDictionary<string, Dictionary<long, string>> Labels)
{
    public override string ToString() => Name;
}
