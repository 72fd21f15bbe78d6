using Galen.Core.Clinical;
using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Tasks;

namespace Galen.Data.Tests.Ingest;

public sealed class OmopIngestTests
{
    private static (ClinicalStore Store, IngestReport Report) Ingest()
    {
        var store = ClinicalStore.InMemory();
        var report = store.Ingest(IngestFormat.Omop, TestData.Fixture("omop-tiny"), TestData.Options);
        return (store, report);
    }

    [Fact]
    public void Tables_load_with_bad_rows_quarantined()
    {
        var (store, report) = Ingest();
        using (store)
        {
            var counts = store.Counts().ToDictionary(c => c.Table, c => c.Rows);
            Assert.Equal(2, counts["person"]);
            Assert.Equal(3, counts["visit_occurrence"]); // 202 ends before it starts
            Assert.Equal(3, counts["condition_occurrence"]);
            Assert.Equal(3, counts["measurement"]); // one value_as_number is not a number
            Assert.Equal(1, counts["drug_exposure"]);
            Assert.Equal(1, counts["note"]);
            Assert.Equal(11, store.Count("omop_concept")); // concept.csv is tab-separated
            Assert.Contains(report.Quarantine, q => q.File == "visit_occurrence.csv" && q.Reason == QuarantineReason.EndBeforeStart);
            Assert.Contains(report.Quarantine, q => q.File == "measurement.csv" && q.Reason == QuarantineReason.InvalidValue && q.FirstLocation == "line 5 field 'value_as_number'");
        }
    }

    [Fact]
    public void Source_concepts_keep_the_source_code_and_unknown_ones_fall_back_to_the_source_value()
    {
        var (store, report) = Ingest();
        using (store)
        {
            var timeline = store.LoadTimelines().Single(p => p.PersonId == 1);
            var codes = timeline.Conditions.ToArray().Select(c => timeline.Codes.Code(c.ConceptId)).ToArray();

            Assert.Contains(new ClinicalCode(CodeSystems.Icd10Cm, "I50.9"), codes); // source concept preferred over SNOMED
            Assert.Contains(new ClinicalCode(LocalVocabularies.Unknown, "Z99.9"), codes);
            Assert.Contains(new ClinicalCode(CodeSystems.SnomedCt, "42343007"), codes); // no source concept: the standard one
            Assert.Contains(report.Notes, n => n.Contains("UNKNOWN", StringComparison.Ordinal));
            Assert.Equal(new ClinicalCode(CodeSystems.Icd10Pcs, "02HV33Z"), timeline.Codes.Code(timeline.Procedures[0].ConceptId));
            Assert.Equal(new ClinicalCode(CodeSystems.Atc, "A10BA02"), timeline.Codes.Code(timeline.Drugs[0].AtcConceptId));
        }
    }

    [Fact]
    public void A_death_dated_within_a_visit_marks_it_as_an_in_hospital_death()
    {
        var (store, _) = Ingest();
        using (store)
        {
            var patient = store.LoadTimelines().Single(p => p.PersonId == 1);

            Assert.Equal([false, true], patient.Visits.ToArray().Select(v => v.DiedInHospital));
            Assert.Equal([true, true], patient.Visits.ToArray().Select(v => v.IsInpatient));
            var mortality = new TaskBuilder(store).Build(new InHospitalMortalityTask(48));
            Assert.Equal([0f, 1], mortality.Tabular.Targets.Values.ToArray());
        }
    }

    [Fact]
    public void Units_and_vital_signs_come_from_concepts()
    {
        var (store, _) = Ingest();
        using (store)
        {
            var patient = store.LoadTimelines().Single(p => p.PersonId == 1);
            var measurements = patient.Measurements.ToArray();

            var heartRate = measurements.Single(m => patient.Codes.Code(m.ConceptId).Code == "8867-4");
            Assert.Equal(MeasurementCategory.VitalSign, heartRate.Category);
            var creatinine = measurements.Where(m => patient.Codes.Code(m.ConceptId).Code == "2160-0").Select(m => m.Value).ToArray();
            Assert.Equal([159.1 / 88.4, 1.6], creatinine, (a, b) => Math.Abs(a - b) < 1e-3);
            Assert.Equal(new DateTime(2015, 1, 2), measurements.Last().Time); // date only: midnight
        }
    }

    [Fact]
    public void Outpatient_visits_are_not_inpatient_and_persons_get_sex_and_race()
    {
        var (store, _) = Ingest();
        using (store)
        {
            var patient = store.LoadTimelines().Single(p => p.PersonId == 2);

            Assert.False(Assert.Single(patient.Visits.ToArray()).IsInpatient);
            Assert.Equal(Galen.Data.Timeline.Sex.Male, patient.Sex);
            Assert.Equal("BLACK", patient.Ethnicity);
        }
    }
}
