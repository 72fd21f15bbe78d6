using Galen.Core.Clinical;
using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Tasks;

namespace Galen.Data.Tests.Ingest;

public sealed class FhirIngestTests
{
    private static (ClinicalStore Store, IngestReport Report) Ingest(string fixture)
    {
        var store = ClinicalStore.InMemory();
        var report = store.Ingest(IngestFormat.Fhir, TestData.Fixture(fixture), TestData.Options);
        return (store, report);
    }

    [Fact]
    public void Bundles_load_whatever_the_entry_order_and_reference_style()
    {
        var (store, report) = Ingest("fhir-bundle");
        using (store)
        {
            var counts = store.Counts().ToDictionary(c => c.Table, c => c.Rows);
            Assert.Equal(2, counts["person"]);
            Assert.Equal(4, counts["visit_occurrence"]); // patient 2's Encounter refers to urn:uuid:2
            Assert.Equal(3, counts["condition_occurrence"]);
            Assert.Equal(1, counts["procedure_occurrence"]);
            Assert.Equal(2, counts["drug_exposure"]);
            Assert.Equal(4, counts["measurement"]); // creatinine, heart rate, systolic and diastolic from one panel
            Assert.Equal(2, counts["note"]);
            Assert.Equal(1, counts["death"]);
            var quarantined = Assert.Single(report.Quarantine);
            Assert.Equal("medicationCodeableConcept", store.ReadQuarantine().Single().Field); // a Medication reference is not resolved
            Assert.Contains(report.Notes, n => n.Contains("1 Organization", StringComparison.Ordinal));
            Assert.Equal(1, report.Files.Single(f => f.File == "patient-2.json").NotUsed);
        }
    }

    [Fact]
    public void Codes_deaths_notes_and_units_map_as_from_csv()
    {
        var (store, _) = Ingest("fhir-bundle");
        using (store)
        {
            var patient = store.LoadTimelines(new Galen.Data.Timeline.TimelineOptions { IncludeNotes = true }).Single(p => p.PersonId == 1);
            var codes = patient.Codes;

            Assert.Equal([false, false, true], patient.Visits.ToArray().Select(v => v.DiedInHospital));
            Assert.Equal(new DateTime(2015, 6, 3, 6, 0, 0), patient.DeathTime);
            Assert.Equal("White", patient.Ethnicity);
            Assert.Equal(new ClinicalCode(CodeSystems.Icd10Cm, "I50.9"), codes.Code(patient.Conditions[0].ConceptId)); // ICD-10-CM preferred over SNOMED, dotted
            Assert.Equal(new ClinicalCode(CodeSystems.RxNorm, "860975"), codes.Code(patient.Drugs[0].ConceptId));
            Assert.Equal(new ClinicalCode(CodeSystems.Atc, "A10BA02"), codes.Code(patient.Drugs[0].AtcConceptId));
            var creatinine = patient.Measurements.ToArray().Single(m => codes.Code(m.ConceptId).Code == "2160-0");
            Assert.Equal(159.1 / 88.4, creatinine.Value, 3);
            Assert.Equal(2, patient.Measurements.ToArray().Count(m => codes.Code(m.ConceptId).Code is "8480-6" or "8462-4"));
            Assert.Contains("\"stable\" on discharge", patient.Notes[0].Text, StringComparison.Ordinal);
            Assert.Equal("Bilateral infiltrates.", patient.Notes[1].Text);
        }
    }

    [Fact]
    public void Names_addresses_and_phone_numbers_of_a_patient_are_never_stored()
    {
        var (store, _) = Ingest("fhir-bundle");
        using (store)
        {
            foreach (var table in new[] { "person", "visit_occurrence", "note", "measurement", "concept", "quarantine" })
            {
                foreach (var row in StoreDump.Table(store, table))
                {
                    Assert.DoesNotContain("Quixotewood", row, StringComparison.Ordinal);
                    Assert.DoesNotContain("Larkspur", row, StringComparison.Ordinal);
                    Assert.DoesNotContain("555-0142", row, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void The_fhir_patient_gets_the_same_task_labels_as_from_mimic_csv()
    {
        var (store, _) = Ingest("fhir-bundle");
        using (store)
        {
            var mortality = new TaskBuilder(store).Build(new InHospitalMortalityTask(48));
            var readmission = new TaskBuilder(store).Build(new ReadmissionTask(30));

            Assert.Equal([0f, 0, 1], mortality.Tabular.Targets.Values.ToArray()); // 101, 102, 103 as in the MIMIC fixture
            Assert.Equal([1f, 0], readmission.Tabular.Targets.Values.ToArray());
        }
    }

    [Fact]
    public void Bulk_ndjson_quarantines_bad_resources_with_their_line()
    {
        var (store, report) = Ingest("fhir-ndjson");
        using (store)
        {
            var rows = store.ReadQuarantine();

            Assert.Contains(rows, r => r.File == "Patient.ndjson" && r.Line == 2 && r.Reason == QuarantineReason.DeathBeforeBirth && r.RecordId == "8");
            Assert.Contains(rows, r => r.File == "Patient.ndjson" && r.Line == 3 && r.Reason == QuarantineReason.InvalidValue);
            Assert.Contains(rows, r => r.File == "Encounter.ndjson" && r.Line == 2 && r.Reason == QuarantineReason.EndBeforeStart);
            Assert.Contains(rows, r => r.File == "Encounter.ndjson" && r.Line == 3 && r.Reason == QuarantineReason.ParentQuarantined);
            Assert.Contains(rows, r => r.File == "Observation.ndjson" && r.Line == 2 && r.Reason == QuarantineReason.MalformedRecord);
            Assert.Contains(rows, r => r.File == "Observation.ndjson" && r.Line == 3 && r.Reason == QuarantineReason.UnknownPatient && r.RecordId == "Observation/obs-11");
            Assert.Contains(rows, r => r.File == "Observation.ndjson" && r.Line == 4 && r.Reason == QuarantineReason.ParentQuarantined);
            Assert.Contains(rows, r => r.File == "Observation.ndjson" && r.Line == 5 && r.Reason == QuarantineReason.InvalidValue);
            Assert.Equal(1, store.Count("measurement"));
            foreach (var file in report.Files)
            {
                Assert.Equal(file.Records, file.Accepted + file.Quarantined + file.NotUsed);
            }
        }
    }

    [Fact]
    public void Re_ingesting_the_same_files_adds_nothing()
    {
        using var store = ClinicalStore.InMemory();
        store.Ingest(IngestFormat.Fhir, TestData.Fixture("fhir-bundle"), TestData.Options);
        var before = StoreDump.Table(store, "measurement");

        var again = store.Ingest(IngestFormat.Fhir, TestData.Fixture("fhir-bundle"), TestData.Options);

        Assert.True(again.NothingNew);
        Assert.Equal(before, StoreDump.Table(store, "measurement"));
    }

    [Fact]
    public void A_single_file_and_a_truncated_bundle_are_handled()
    {
        using var folder = TestData.NewFolder();
        File.WriteAllText(folder.File("patient.json"), "{\"resourceType\":\"Patient\",\"id\":\"5\",\"birthDate\":\"1990-05-05\",\"gender\":\"other\"}");
        var bundle = File.ReadAllText(TestData.Fixture("fhir-bundle/patient-1.json"));
        File.WriteAllText(folder.File("truncated.json"), bundle[..(bundle.Length / 2)]);
        using var store = ClinicalStore.InMemory();

        var report = store.Ingest(IngestFormat.Fhir, folder.Path, TestData.Options);

        Assert.Equal(2, store.Count("person")); // the lone Patient and patient 1 from the intact half
        Assert.Contains(report.Quarantine, q => q.File == "truncated.json" && q.Reason == QuarantineReason.MalformedRecord);
    }
}
