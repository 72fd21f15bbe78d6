using Galen.Core.Clinical;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Data.Scoring;
using Galen.Data.Store;
using Galen.Data.Tasks;
using Galen.Serve.Fhir;
using Hl7.Fhir.Model;

namespace Galen.Cli.Tests.Serving;

/// <summary>
/// One patient featurized on their own — from the store or from their FHIR Bundle — gets exactly
/// the row the batch task built for them.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class TaskFeaturizerTests(ServingHospital hospital)
{
    private static readonly FhirBundleReader Reader = new();

    private static FhirPatientRecord Record(ClinicalBundle bundle) =>
        new(bundle.Patient, bundle.Encounters, bundle.Conditions, bundle.Procedures, bundle.MedicationRequests, bundle.MedicationAdministrations, bundle.Observations);

    private static TaskFeaturizer Featurizer(TaskDataset dataset) =>
        TaskFeaturizer.Create(ClinicalTasks.Create(dataset.Task, dataset.Parameters), dataset.Tabular.Inputs.Features, ServingHospital.Features);

    /// <summary>Batch rows by sample key.</summary>
    private static Dictionary<string, float[]> Rows(TaskDataset dataset) =>
        Enumerable.Range(0, dataset.Count).ToDictionary(i => dataset.Samples[i].SampleKey, i => dataset.Tabular.Inputs.Row(i).ToArray());

    [Fact]
    public void Store_timelines_give_every_batch_task_row_bit_for_bit()
    {
        foreach (var dataset in new[] { hospital.Mortality, hospital.Readmission })
        {
            var featurizer = Featurizer(dataset);
            var batch = Rows(dataset);
            int compared = 0;
            using var store = ClinicalStore.Open(hospital.StorePath);
            foreach (var patient in store.LoadTimelines())
            {
                foreach (var row in featurizer.Samples(patient))
                {
                    Assert.Equal(batch[row.Sample.SampleKey], row.Values);
                    compared++;
                }
            }

            Assert.Equal(dataset.Count, compared);
        }
    }

    [Fact]
    public void Every_patients_fhir_bundle_gives_the_batch_row_of_their_latest_stay()
    {
        foreach (var dataset in new[] { hospital.Mortality, hospital.Readmission })
        {
            var featurizer = Featurizer(dataset);
            var batch = Rows(dataset);
            int compared = 0;
            foreach (var patient in dataset.Samples.Select(s => s.PatientKey).Distinct())
            {
                var bundle = Reader.ReadBundle(File.ReadAllBytes(hospital.BundleOf(patient)));
                var timeline = FhirTimeline.Build(Record(bundle), featurizer, DateTime.UtcNow);
                Assert.Empty(timeline.SetAside);
                var current = featurizer.Current(timeline.Timeline, DateTime.UtcNow);
                foreach (var row in featurizer.Samples(timeline.Timeline))
                {
                    // In-memory visits are numbered in the bundle; the store numbers them globally: compare by index time.
                    var sample = dataset.Samples.Single(s => s.PatientKey == patient && s.IndexTime == row.Sample.IndexTime);
                    Assert.Equal(batch[sample.SampleKey], row.Values);
                    compared++;
                }

                if (current.IsTaskSample)
                {
                    var latest = dataset.Samples.Where(s => s.PatientKey == patient).MaxBy(s => s.IndexTime)!;
                    Assert.Equal(batch[latest.SampleKey], current.Values);
                }
            }

            Assert.Equal(dataset.Count, compared);
        }
    }

    [Fact]
    public void Lab_results_in_other_units_are_converted_to_the_units_the_model_was_trained_in()
    {
        var featurizer = Featurizer(hospital.Mortality);
        Assert.True(featurizer.TryGetUnit(new ClinicalCode(CodeSystems.Loinc, "2160-0"), out var unit));
        Assert.Equal("mg/dL", unit);
        var admitted = new DateTime(2024, 3, 1, 8, 0, 0);

        // 176.8 µmol/L of creatinine is 2.0 mg/dL (113.12 g/mol).
        var record = Record(admitted, [Lab("c1", "2160-0", 176.8m, "umol/L", admitted.AddHours(2)), Lab("c2", "2160-0", 1.5m, "mg/dL", admitted.AddHours(20))]);
        var timeline = FhirTimeline.Build(record, featurizer, admitted.AddDays(7));
        var row = featurizer.Current(timeline.Timeline, admitted.AddDays(7));

        Assert.True(row.IsTaskSample);
        Assert.Equal(admitted.AddHours(48), row.Sample.IndexTime);
        Assert.Equal(1.5f, Value(row, "LOINC_2160-0_last"));
        Assert.Equal(2.0, Value(row, "LOINC_2160-0_max"), 3);
        Assert.Equal(2f, Value(row, "LOINC_2160-0_count"));
        Assert.Equal(48f, Value(row, "hours_since_admission"));
        Assert.Equal(["Patient/pt-1", "Encounter/e1", "Observation/c1", "Observation/c2"], timeline.BasisFor(row.Sample, featurizer.Options));
    }

    [Fact]
    public void A_stay_still_in_progress_before_the_tasks_index_time_is_scored_on_the_stay_so_far()
    {
        var featurizer = Featurizer(hospital.Mortality);
        var admitted = new DateTime(2024, 3, 1, 8, 0, 0);
        var now = admitted.AddHours(10);

        var record = Record(admitted, [Lab("c1", "2160-0", 1.1m, "mg/dL", admitted.AddHours(2)), Lab("late", "2160-0", 9.9m, "mg/dL", now.AddDays(3))], inProgress: true);
        var timeline = FhirTimeline.Build(record, featurizer, now);
        var row = featurizer.Current(timeline.Timeline, now);

        Assert.False(row.IsTaskSample);
        Assert.Equal(now, row.Sample.IndexTime);
        Assert.Equal(10f, Value(row, "hours_since_admission"));
        Assert.Equal(1.1f, Value(row, "LOINC_2160-0_last"));
        Assert.Equal(["Observation[1]: effective is after the time of scoring"], timeline.SetAside);
    }

    [Fact]
    public void Resources_the_ingest_would_quarantine_are_set_aside_with_where_and_why()
    {
        var featurizer = Featurizer(hospital.Mortality);
        var admitted = new DateTime(2024, 3, 1, 8, 0, 0);
        var noValue = Lab("empty", "2160-0", 1m, "mg/dL", admitted.AddHours(3));
        noValue.Value = null;
        var otherEncounter = Lab("elsewhere", "2160-0", 1m, "mg/dL", admitted.AddHours(3));
        otherEncounter.Encounter = new ResourceReference("Encounter/unknown");
        var uncoded = Lab("uncoded", "2160-0", 1m, "mg/dL", admitted.AddHours(3));
        uncoded.Code = new CodeableConcept { Text = "creatinine" };

        var timeline = FhirTimeline.Build(Record(admitted, [noValue, otherEncounter, uncoded]), featurizer, admitted.AddDays(7));

        Assert.Equal(
            ["Observation[0]: the Observation has no value", "Observation[1]: encounter names an Encounter that is not in the bundle (or was set aside)", "Observation[2]: code has no coding in a vocabulary Galen knows"],
            timeline.SetAside);
        Assert.Equal(0, timeline.Timeline.Measurements.Length);
    }

    [Fact]
    public void A_model_whose_features_no_task_computes_is_refused_naming_the_features()
    {
        var features = new[] { new FeatureSpec("age_years", "age"), new FeatureSpec("mean radius", "mean radius") };

        var error = Assert.Throws<GalenInputException>(() => TaskFeaturizer.Create(new InHospitalMortalityTask(), features, modelName: "wdbc@1"));

        Assert.Contains("wdbc@1 reads 1 feature(s) that Galen's clinical tasks do not compute (mean radius)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tasks_are_rebuilt_from_their_name_and_parameters_and_wrong_parameters_are_refused()
    {
        Assert.Equal("observation_hours=24", ClinicalTasks.Create("in_hospital_mortality", "observation_hours=24").Parameters);
        Assert.Equal("window_days=30", ClinicalTasks.Create("readmission", null).Parameters);
        Assert.Contains("do not describe a readmission task", Assert.Throws<GalenInputException>(() => ClinicalTasks.Create("readmission", "observation_hours=24")).Message, StringComparison.Ordinal);
        Assert.Contains("no binary clinical task named 'drug_recommendation'", Assert.Throws<GalenInputException>(() => ClinicalTasks.Create("drug_recommendation", null)).Message, StringComparison.Ordinal);
    }

    private float Value(FeatureRow row, string feature)
    {
        int column = hospital.Mortality.Tabular.Inputs.IndexOf(feature);
        Assert.True(column >= 0, $"the mortality model has no feature {feature}");
        return row.Values[column];
    }

    /// <summary>A patient with one inpatient stay admitted at <paramref name="admitted"/> (6 days long, or still in progress).</summary>
    private static FhirPatientRecord Record(DateTime admitted, IReadOnlyList<Observation> observations, bool inProgress = false)
    {
        var patient = new Hl7.Fhir.Model.Patient { Id = "pt-1", BirthDate = "1950-06-01", Gender = AdministrativeGender.Female };
        var encounter = new Encounter
        {
            Id = "e1",
            Status = inProgress ? Encounter.EncounterStatus.InProgress : Encounter.EncounterStatus.Finished,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP"),
            Subject = new ResourceReference("Patient/pt-1"),
            Period = new Period { StartElement = new FhirDateTime(new DateTimeOffset(admitted, TimeSpan.Zero)) },
        };
        if (!inProgress)
        {
            encounter.Period.EndElement = new FhirDateTime(new DateTimeOffset(admitted.AddDays(6), TimeSpan.Zero));
        }

        return new FhirPatientRecord(patient, [encounter], [], [], [], [], observations);
    }

    private static Observation Lab(string id, string loinc, decimal value, string unit, DateTime at) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")],
        Code = new CodeableConcept("http://loinc.org", loinc),
        Subject = new ResourceReference("Patient/pt-1"),
        Encounter = new ResourceReference("Encounter/e1"),
        Effective = new FhirDateTime(new DateTimeOffset(at, TimeSpan.Zero)),
        Value = new Quantity(value, unit),
    };
}
