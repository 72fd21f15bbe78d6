using System.Globalization;
using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Tasks;
using Galen.Data.Tests.Synthetic;

namespace Galen.Data.Tests.RoundTrip;

/// <summary>
/// Synthetic hospital → MIMIC CSV / OMOP CSV / FHIR NDJSON / FHIR Bundles → ingest: every format
/// stores the generator's records with nothing quarantined, and gives the same task labels for
/// every sample; the labels agree with the outcomes the generator drew (ground_truth/admissions.csv)
/// under each task's definition, and the only samples a task leaves out are the ones its
/// definition excludes.
/// </summary>
public sealed class RoundTripTests(RoundTripHospital hospital) : IClassFixture<RoundTripHospital>
{
    public static TheoryData<string> Formats => ["mimic", "omop", "fhir-ndjson", "fhir-bundles"];

    /// <summary>
    /// What every format must store identically, as canonical rows keyed by the source's own ids
    /// (SUBJECT_ID = person_id = Patient.id, HADM_ID = visit_occurrence_id = Encounter.id). Fields
    /// a format cannot carry are left out here and listed in docs/data-layer.md ("Round trips").
    /// </summary>
    private static readonly (string Name, string Sql)[] SharedContent =
    [
        ("person", "SELECT person_source_value, gender, birth_datetime, race_source_value FROM person"),
        ("visit", "SELECT v.visit_source_value, p.person_source_value, visit_class, visit_start_datetime, visit_end_datetime, died_in_hospital, admitted_from, discharged_to FROM visit_occurrence v JOIN person p USING (person_id)"),
        ("diagnosis", "SELECT v.visit_source_value, c.vocabulary_id, c.concept_code FROM condition_occurrence co JOIN visit_occurrence v USING (visit_occurrence_id) JOIN concept c ON c.concept_id = co.condition_concept_id"),
        ("procedure", "SELECT v.visit_source_value, c.vocabulary_id, c.concept_code, po.procedure_datetime FROM procedure_occurrence po JOIN visit_occurrence v USING (visit_occurrence_id) JOIN concept c ON c.concept_id = po.procedure_concept_id"),
        ("prescription", "SELECT v.visit_source_value, a.concept_code, d.drug_exposure_start_datetime, d.drug_exposure_end_datetime, d.dose_unit_source_value, d.route_source_value FROM drug_exposure d JOIN visit_occurrence v USING (visit_occurrence_id) LEFT JOIN concept a ON a.concept_id = d.atc_concept_id"),
        // MIMIC and OMOP write INR without a unit; FHIR gives its UCUM code {INR}, which ingest keeps as the unit.
        ("measurement", "SELECT p.person_source_value, v.visit_source_value, c.vocabulary_id, c.concept_code, m.measurement_datetime, m.value_as_number, m.value_source_value, CASE WHEN u.concept_code = '{INR}' THEN NULL ELSE u.concept_code END, m.category FROM measurement m JOIN person p USING (person_id) LEFT JOIN visit_occurrence v ON v.visit_occurrence_id = m.visit_occurrence_id JOIN concept c ON c.concept_id = m.measurement_concept_id LEFT JOIN concept u ON u.concept_id = m.unit_concept_id"),
        ("note", "SELECT p.person_source_value, v.visit_source_value, n.note_datetime, md5(n.note_text) FROM note n JOIN person p USING (person_id) LEFT JOIN visit_occurrence v ON v.visit_occurrence_id = n.visit_occurrence_id"),
        // MIMIC's PATIENTS.DOD is a date: compare the day of death.
        ("death", "SELECT p.person_source_value, CAST(min(d.death_datetime) AS DATE) FROM death d JOIN person p USING (person_id) GROUP BY 1"),
    ];

    /// <summary>What MIMIC and FHIR carry and OMOP does not (the synthetic OMOP note has no class concept; OMOP has no admission type).</summary>
    private static readonly (string Name, string Sql)[] MimicAndFhirContent =
    [
        ("note kind", "SELECT n.note_datetime, md5(n.note_text), n.note_class, n.note_title FROM note n"),
        ("prescription dose", "SELECT v.visit_source_value, a.concept_code, d.drug_source_value, d.dose_value, d.dose_source_value FROM drug_exposure d JOIN visit_occurrence v USING (visit_occurrence_id) LEFT JOIN concept a ON a.concept_id = d.atc_concept_id"),
    ];

    private IngestedExtract Extract(string name) => hospital.Extracts.Single(e => e.Name == name);

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_clean_synthetic_extract_ingests_with_no_options_and_nothing_quarantined(string format)
    {
        var extract = Extract(format);

        Assert.Empty(extract.Report.Quarantine);
        Assert.Equal(0, extract.Report.Quarantined);
        Assert.Equal(0, StoreDump.Scalar(extract.Store, "SELECT count(*) FROM quarantine"));
        Assert.All(extract.Report.Files.Where(f => f.Outcome == FileOutcome.Ingested), f => Assert.Equal(0, f.NotUsed));
        Assert.Equal(extract.Report.Records, extract.Report.Accepted);
        // Dates were checked against the hospital's own clock, read from its manifest.
        Assert.Contains(extract.Report.Notes, n => n.Contains("synthetic hospital's clock", StringComparison.Ordinal));
        int expectedFiles = format switch
        {
            "mimic" => 11,
            "omop" => 10,
            "fhir-ndjson" => 7,
            _ => RoundTripHospital.PatientCount,
        };
        Assert.Equal(expectedFiles, extract.Report.Files.Count(f => f.Outcome == FileOutcome.Ingested));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_format_stores_the_generators_counts(string format)
    {
        var store = Extract(format).Store;
        var patients = hospital.Patients;
        var admissions = patients.SelectMany(p => p.Admissions).ToList();

        Assert.Equal(patients.Count, store.Count("person"));
        Assert.Equal(admissions.Count, StoreDump.Scalar(store, "SELECT count(*) FROM visit_occurrence WHERE visit_class = 'inpatient'"));
        Assert.Equal(admissions.Count, store.Count("visit_occurrence"));
        Assert.Equal(admissions.Count(a => a.DiedInHospital), StoreDump.Scalar(store, "SELECT count(*) FROM visit_occurrence WHERE died_in_hospital"));
        Assert.Equal(patients.Count(p => p.DeathTime is not null), StoreDump.Scalar(store, "SELECT count(DISTINCT person_id) FROM death"));
        Assert.Equal(admissions.Sum(a => a.Diagnoses.Count), store.Count("condition_occurrence"));
        Assert.Equal(admissions.Sum(a => a.Procedures.Count), store.Count("procedure_occurrence"));
        Assert.Equal(admissions.Sum(a => a.Prescriptions.Count), store.Count("drug_exposure"));
        Assert.Equal(admissions.Sum(a => a.Labs.Count) + patients.Sum(p => p.OutpatientLabs.Count), StoreDump.Scalar(store, "SELECT count(*) FROM measurement WHERE category = 1"));
        Assert.Equal(admissions.Sum(a => a.Vitals.Count), StoreDump.Scalar(store, "SELECT count(*) FROM measurement WHERE category = 2"));
        Assert.Equal(admissions.Sum(a => a.Notes.Count), store.Count("note"));
        Assert.Equal(hospital.Summary.LabResults, StoreDump.Scalar(store, "SELECT count(*) FROM measurement WHERE category = 1"));
        Assert.Equal(hospital.Summary.Notes, store.Count("note"));
        if (format == "mimic")
        {
            // ICU stays travel only in MIMIC's ICUSTAYS (the OMOP and FHIR writers have no ICU element).
            Assert.Equal(admissions.Count(a => a.Icu is not null), store.Count("visit_detail"));
        }
    }

    [Theory]
    [InlineData("omop")]
    [InlineData("fhir-ndjson")]
    [InlineData("fhir-bundles")]
    public void Every_format_stores_the_same_records_as_mimic(string format)
    {
        var mimic = Extract("mimic").Store;
        var other = Extract(format).Store;
        foreach (var (name, sql) in format.StartsWith("fhir", StringComparison.Ordinal) ? [.. SharedContent, .. MimicAndFhirContent] : SharedContent)
        {
            var expected = StoreDump.Table(mimic, "(" + sql + ")");
            var actual = StoreDump.Table(other, "(" + sql + ")");
            Assert.True(expected.SequenceEqual(actual),
                $"{name}: {expected.Except(actual).Count()} rows only in mimic (first: {expected.Except(actual).FirstOrDefault()}), {actual.Except(expected).Count()} only in {format} (first: {actual.Except(expected).FirstOrDefault()})");
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Censored_results_outpatient_labs_and_their_links_survive_the_trip(string format)
    {
        var store = Extract(format).Store;
        var admissions = hospital.Patients.SelectMany(p => p.Admissions).ToList();
        int censored = admissions.Sum(a => a.Labs.Count(m => m.IsCensored)) + hospital.Patients.Sum(p => p.OutpatientLabs.Count(m => m.IsCensored));
        Assert.True(censored > 0, "the hospital should hold troponins below the detection limit");

        // "<0.01" is a result, not a bad number: kept as text with no numeric value.
        Assert.Equal(censored, StoreDump.Scalar(store, "SELECT count(*) FROM measurement WHERE value_as_number IS NULL AND value_source_value LIKE '<%'"));
        Assert.Equal(censored, StoreDump.Scalar(store, "SELECT count(*) FROM measurement WHERE value_as_number IS NULL"));
        // Outpatient labs (no HADM_ID) are stored without a visit, not rejected.
        Assert.Equal(hospital.Patients.Sum(p => p.OutpatientLabs.Count), StoreDump.Scalar(store, "SELECT count(*) FROM measurement WHERE visit_occurrence_id IS NULL"));
        if (format == "mimic")
        {
            // CHARTEVENTS rows with an ICUSTAY_ID are linked to the stay and to its admission.
            int inIcu = admissions.Sum(a => a.Icu is { } icu ? a.Vitals.Count(m => m.Time >= icu.InTime && m.Time <= icu.OutTime) : 0);
            Assert.True(inIcu > 0);
            Assert.Equal(inIcu, StoreDump.Scalar(store, "SELECT count(*) FROM measurement m JOIN visit_detail d USING (visit_detail_id) WHERE d.visit_occurrence_id = m.visit_occurrence_id"));
        }
    }

    [Theory]
    [InlineData("omop")]
    [InlineData("fhir-ndjson")]
    [InlineData("fhir-bundles")]
    public void Every_format_gives_the_same_label_for_every_sample(string format)
    {
        var mimic = Extract("mimic");
        var other = Extract(format);
        foreach (var task in RoundTripHospital.Tasks())
        {
            var expected = mimic.Labels[task.Name];
            var actual = other.Labels[task.Name];
            Assert.True(expected.Count > 0, $"{task.Name} has no samples");
            Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
            Assert.All(expected, pair => Assert.Equal(pair.Value, actual[pair.Key]));
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Mortality_labels_are_the_drawn_in_hospital_deaths(string format)
    {
        var labels = Extract(format).Labels["in_hospital_mortality"];
        var truth = GroundTruth();

        // Samples: admissions still in hospital (and alive) 48 h after admission. Every death
        // happens at least 48 h in, so only stays shorter than 48 h are left out.
        var expected = truth.Where(t => t.Discharge > t.Admit.AddHours(48)).ToList();
        Assert.True(expected.Count < truth.Count, "some stays should be shorter than the 48-hour window");
        Assert.Equal(expected.Select(t => t.HadmId).Order(), labels.Keys.Order());
        Assert.All(expected, t => Assert.Equal(t.Died ? "1" : "0", labels[t.HadmId]));
        Assert.Contains(expected, t => t.Died);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Readmission_labels_are_the_drawn_readmissions_except_censored_stays(string format)
    {
        var extract = Extract(format);
        var labels = extract.Labels["readmission"];
        var truth = GroundTruth();
        var dataEnd = extract.Store.Timelines(new Galen.Data.Timeline.TimelineOptions { BatchSize = 1 }).First().DataEnd;
        var latest = hospital.Summary.LatestTime!.Value;
        // The end of the data is the hospital's latest time; MIMIC dates an out-of-hospital death
        // by day only (PATIENTS.DOD), so when that death is the last event its end is that midnight.
        Assert.InRange(dataEnd, format == "mimic" ? latest.Date : latest, latest);

        // Samples: admissions left alive, except those whose 30-day follow-up runs past the end
        // of the data without a readmission (censored: the label would be unknown).
        var alive = truth.Where(t => !t.Died).ToList();
        var expected = alive.Where(t => t.Readmitted == true || t.Discharge.AddDays(30) <= dataEnd).ToList();
        Assert.All(alive, t => Assert.NotNull(t.Readmitted));
        Assert.Equal(expected.Select(t => t.HadmId).Order(), labels.Keys.Order());
        Assert.All(expected, t => Assert.Equal(t.Readmitted == true ? "1" : "0", labels[t.HadmId]));
        Assert.Contains(expected, t => t.Readmitted == true);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Length_of_stay_labels_are_the_drawn_stays(string format)
    {
        var labels = Extract(format).Labels["length_of_stay"];
        var truth = GroundTruth();

        // Every stay lasts more than 24 h, so every admission is a sample of the 24-hour task.
        Assert.Equal(truth.Select(t => t.HadmId).Order(), labels.Keys.Order());
        Assert.All(truth, t =>
        {
            Assert.Equal((t.Discharge - t.Admit).TotalDays, t.LosDays, tolerance: 0.5e-4); // written to 4 decimals
            Assert.Equal((t.Discharge - t.Admit).TotalDays > 7 ? "1" : "0", labels[t.HadmId]);
        });
        Assert.Contains(truth, t => t.LosDays > 7);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Drug_recommendation_labels_are_each_admissions_atc_classes(string format)
    {
        var labels = Extract(format).Labels["drug_recommendation"];
        var expected = hospital.Patients.SelectMany(p => p.Admissions)
            .Where(a => a.Diagnoses.Count > 0 && a.Prescriptions.Count > 0)
            .ToDictionary(a => a.HadmId, a => string.Join(' ', a.Prescriptions.Select(p => p.Drug.Atc[..4]).Distinct().Order(StringComparer.Ordinal)));

        Assert.Equal(expected.Keys.Order(), labels.Keys.Order());
        Assert.All(expected, pair => Assert.Equal(pair.Value, labels[pair.Key]));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Next_visit_diagnosis_labels_are_the_next_admissions_categories(string format)
    {
        var labels = Extract(format).Labels["next_visit_diagnosis"];
        var expected = new Dictionary<long, string>();
        foreach (var patient in hospital.Patients)
        {
            for (int i = 0; i + 1 < patient.Admissions.Count; i++)
            {
                var next = patient.Admissions[i + 1];
                expected[patient.Admissions[i].HadmId] = string.Join(' ', next.Diagnoses.Select(d => "ICD10CM:" + IcdCodes.Category(d.Code)).Distinct().Order(StringComparer.Ordinal));
            }
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Keys.Order(), labels.Keys.Order());
        Assert.All(expected, pair => Assert.Equal(pair.Value, labels[pair.Key]));
    }

    private List<AdmissionOutcome> GroundTruth() =>
        Csv.Records(Path.Combine(hospital.Folder("mimic"), "ground_truth", "admissions.csv")).Select(r => new AdmissionOutcome(
            long.Parse(r["hadm_id"], CultureInfo.InvariantCulture),
            DateTime.ParseExact(r["admittime"], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DateTime.ParseExact(r["dischtime"], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            r["in_hospital_death"] == "1",
            r["readmit_30d"] switch { "1" => true, "0" => false, _ => null },
            double.Parse(r["los_days"], CultureInfo.InvariantCulture))).ToList();

    private sealed record AdmissionOutcome(long HadmId, DateTime Admit, DateTime Discharge, bool Died, bool? Readmitted, double LosDays);
}
