using System.Text;
using System.Text.Json;
using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Output;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Galen.Data.Tests.Synthetic;

/// <summary>FHIR output parses with Firely's strict parser and its references resolve.</summary>
public sealed class FhirOutputTests
{
    private static SyntheticHospitalSummary Generate(string directory, FhirLayout layout, int patients = 25)
    {
        using var writer = new FhirWriter(directory, layout);
        return SyntheticHospital.Generate(new SyntheticHospitalOptions { Patients = patients, Seed = 17 }, writer);
    }

    [Fact]
    public void Every_ndjson_resource_parses_strictly_and_references_resolve()
    {
        using var temp = new TempFolder();
        var summary = Generate(temp.Path, FhirLayout.Ndjson);
        var parser = new FhirJsonDeserializer();
        var resources = new List<Resource>();
        foreach (var file in summary.Files.Where(f => f.Path.EndsWith(".ndjson", StringComparison.Ordinal)))
        {
            int lines = 0;
            foreach (var line in File.ReadLines(temp.Sub(file.Path)))
            {
                var resource = parser.DeserializeResource(line);
                Assert.Equal(Path.GetFileNameWithoutExtension(file.Path), resource.TypeName);
                resources.Add(resource);
                lines++;
            }

            Assert.Equal(file.Rows, lines);
        }

        var ids = resources.Select(r => (string?)(r.TypeName + "/" + r.Id)).ToHashSet();
        Assert.Equal(resources.Count, ids.Count);
        Assert.Equal(25, resources.OfType<Patient>().Count());
        Assert.Equal(summary.Admissions, resources.OfType<Encounter>().Count());
        Assert.Equal(summary.LabResults + summary.VitalSigns, resources.OfType<Observation>().Count());
        foreach (var encounter in resources.OfType<Encounter>())
        {
            Assert.Contains(encounter.Subject!.Reference, ids);
            Assert.All(encounter.Diagnosis, d => Assert.Contains(d.Condition!.Reference, ids));
        }

        Assert.All(resources.OfType<Observation>(), o => Assert.Contains(o.Subject!.Reference, ids));
        Assert.Contains(resources.OfType<Observation>(), o => o.Category[0]!.Coding[0]!.Code == "vital-signs");
        Assert.Contains(resources.OfType<Observation>(), o => o.Category[0]!.Coding[0]!.Code == "laboratory" && o.Encounter is null);
        Assert.Equal(summary.InHospitalDeaths, resources.OfType<Encounter>().Count(e => e.Hospitalization!.DischargeDisposition!.Coding[0]!.Code == "exp"));
        Assert.All(resources.OfType<Patient>().Where(p => resources.OfType<Encounter>().Any(e => e.Subject!.Reference == "Patient/" + p.Id && e.Hospitalization!.DischargeDisposition!.Coding[0]!.Code == "exp")),
            p => Assert.IsType<FhirDateTime>(p.Deceased));
    }

    [Fact]
    public void Notes_are_base64_text_whose_annotations_point_at_phi()
    {
        using var temp = new TempFolder();
        Generate(temp.Path, FhirLayout.Ndjson, patients: 10);
        var parser = new FhirJsonDeserializer();
        var documents = File.ReadLines(temp.Sub("DocumentReference.ndjson")).Select(l => (DocumentReference)parser.DeserializeResource(l)).ToDictionary(d => long.Parse(d.Id!, System.Globalization.CultureInfo.InvariantCulture));
        foreach (var line in File.ReadLines(temp.Sub("notes/annotations.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var document = documents[json.RootElement.GetProperty("note_id").GetInt64()];
            Assert.Equal("text/plain", document.Content[0]!.Attachment!.ContentType);
            string text = Encoding.UTF8.GetString(document.Content[0]!.Attachment!.Data!);
            Assert.Equal("Encounter/" + json.RootElement.GetProperty("hadm_id").GetInt64(), document.Context!.Encounter[0]!.Reference);
            foreach (var span in json.RootElement.GetProperty("spans").EnumerateArray())
            {
                int start = span.GetProperty("start").GetInt32();
                int length = span.GetProperty("length").GetInt32();
                Assert.InRange(start + length, 1, text.Length);
                Assert.False(string.IsNullOrWhiteSpace(text.Substring(start, length)));
            }
        }
    }

    [Fact]
    public void Each_patient_bundle_is_a_transaction_that_parses_strictly()
    {
        using var temp = new TempFolder();
        var summary = Generate(temp.Path, FhirLayout.Bundles, patients: 8);
        var parser = new FhirJsonDeserializer();
        var files = Directory.GetFiles(temp.Sub("bundles"), "*.json");
        Assert.Equal(8, files.Length);
        Assert.Contains(summary.Files, f => f.Path == "bundles/*.json" && f.Rows == 8);
        foreach (var file in files)
        {
            var bundle = Assert.IsType<Bundle>(parser.DeserializeResource(File.ReadAllText(file)));
            Assert.Equal(Bundle.BundleType.Transaction, bundle.Type);
            Assert.IsType<Patient>(bundle.Entry[0].Resource);
            Assert.All(bundle.Entry, e => Assert.Equal(e.Resource!.TypeName + "/" + e.Resource.Id, e.Request!.Url));
        }
    }
}
