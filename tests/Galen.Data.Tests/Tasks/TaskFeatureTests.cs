using Galen.Core.Learning;
using Galen.Data.Store;
using Galen.Data.Tasks;

namespace Galen.Data.Tests.Tasks;

/// <summary>Feature values on the tiny fixture, checked by hand.</summary>
public sealed class TaskFeatureTests : IClassFixture<TinyStoreFixture>
{
    private readonly ClinicalStore _store;

    public TaskFeatureTests(TinyStoreFixture fixture) => _store = fixture.Store;

    private static float Value(TaskDataset dataset, string sampleKey, string feature)
    {
        var matrix = dataset.Tabular.Inputs;
        int row = dataset.Samples.Select((s, i) => (s, i)).Single(p => p.s.SampleKey == sampleKey).i;
        int column = matrix.IndexOf(feature);
        Assert.True(column >= 0, $"no column {feature}");
        return matrix[row, column];
    }

    [Fact]
    public void Mortality_features_use_only_the_first_48_hours()
    {
        // Visit 101: admitted Jan 1 08:00, index Jan 3 08:00. Creatinine 1.2 (Jan 1 10:00), 1.6 (Jan 2 10:00); the 2.0 of Jan 4 is after the index.
        var dataset = new TaskBuilder(_store).Build(new InHospitalMortalityTask(48));

        Assert.Equal((23684 + (1 / 3.0)) / 365.2425, Value(dataset, "v1", "age_years"), 3); // days from 1950-03-01 to 2015-01-03 08:00
        Assert.Equal(1, Value(dataset, "v1", "sex_female"));
        Assert.Equal(0, Value(dataset, "v1", "prior_inpatient_visits"));
        Assert.True(float.IsNaN(Value(dataset, "v1", "days_since_last_discharge")));
        Assert.Equal(48, Value(dataset, "v1", "hours_since_admission"));
        Assert.Equal(0, Value(dataset, "v1", "n_diagnoses_known")); // coded at discharge, Jan 5
        Assert.Equal(1, Value(dataset, "v1", "n_procedures_window")); // 02HV33Z on Jan 2
        Assert.Equal(2, Value(dataset, "v1", "n_drugs_window"));
        Assert.Equal(8, Value(dataset, "v1", "n_measurements_window")); // 4 labs + 3 heart rates + 1 temperature
        Assert.Equal(1.6f, Value(dataset, "v1", "LOINC_2160-0_last"));
        Assert.Equal(1.4f, Value(dataset, "v1", "LOINC_2160-0_mean"), 5);
        Assert.Equal(1.2f, Value(dataset, "v1", "LOINC_2160-0_min"));
        Assert.Equal(1.6f, Value(dataset, "v1", "LOINC_2160-0_max"));
        Assert.Equal(0.4f, Value(dataset, "v1", "LOINC_2160-0_slope"), 4); // per day
        Assert.Equal(2, Value(dataset, "v1", "LOINC_2160-0_count"));
        Assert.Equal(-20f, Value(dataset, "v1", "LOINC_8867-4_slope"), 3); // heart rate 110, 100, 90 at 12-hour steps
        Assert.Equal(100f, Value(dataset, "v1", "LOINC_8867-4_mean"), 4);
        Assert.Equal(38f, Value(dataset, "v1", "LOINC_8310-5_last"), 4); // 100.4 °F
        Assert.Equal(0, Value(dataset, "v1", "dx_ICD10CM_I50"));
        Assert.True(float.IsNaN(Value(dataset, "v6", "LOINC_2160-0_last"))); // patient 3's creatinine is after her visit
        Assert.Equal(1, Value(dataset, "v1", "rx_ATC_A10BA02")); // metformin Jan 1 12:00
        Assert.Equal(1, Value(dataset, "v1", "rx_ATC_C03CA01")); // furosemide Jan 2 12:00, before the index
        Assert.Equal(0, Value(dataset, "v1", "rx_ATC_C09AA03")); // lisinopril only in the next visit
        Assert.Equal(1, Value(dataset, "v1", "px_ICD10PCS_02HV33Z"));
        Assert.Equal(0, Value(dataset, "v1", "px_ICD10PCS_5A1955Z")); // undated: known at the end of visit 103
        Assert.Equal(0, Value(dataset, "v1", "inpatient_visits_365d"));
        Assert.Equal(0, Value(dataset, "v1", "elective_admission"));
    }

    [Fact]
    public void Admissions_in_the_last_year_count_only_those_begun_in_the_365_days_before_admission()
    {
        // Patient 1: 101 (Jan 1), 102 (Jan 20), 103 (Jun 1, 2015); all three within a year of each other.
        var dataset = new TaskBuilder(_store).Build(new InHospitalMortalityTask(24));

        Assert.Equal(0, Value(dataset, "v1", "inpatient_visits_365d"));
        Assert.Equal(1, Value(dataset, "v2", "inpatient_visits_365d"));
        Assert.Equal(2, Value(dataset, "v3", "inpatient_visits_365d"));
        Assert.Equal(1, Value(dataset, "v4", "elective_admission")); // patient 2's first admission is ELECTIVE
    }

    [Fact]
    public void Resolved_feature_options_give_the_same_columns_and_keep_codes_a_store_lacks()
    {
        var builder = new TaskBuilder(_store);
        var resolved = builder.ResolveFeatures();
        var automatic = builder.Build(new InHospitalMortalityTask(48));
        var pinned = new TaskBuilder(_store, resolved).Build(new InHospitalMortalityTask(48));

        Assert.Equal(automatic.Tabular.Inputs.Features.Select(f => f.Name), pinned.Tabular.Inputs.Features.Select(f => f.Name));
        Assert.Equal(automatic.Tabular.Inputs.Values.ToArray(), pinned.Tabular.Inputs.Values.ToArray());

        var wider = new TaskBuilder(_store, resolved with { DrugCodes = [.. resolved.DrugCodes!, "ATC:N02BE01"] }).Build(new InHospitalMortalityTask(48));
        int column = wider.Tabular.Inputs.IndexOf("rx_ATC_N02BE01");
        Assert.True(column >= 0);
        Assert.All(Enumerable.Range(0, wider.Count), row => Assert.Equal(0, wider.Tabular.Inputs[row, column]));
    }

    [Fact]
    public void Readmission_features_see_both_visits_diagnoses_at_discharge()
    {
        // Visit 102 discharged Jan 30 09:00: visit 101 ended 24.875 days earlier; diagnoses I50.9, E11.9, N18.3 are known.
        var dataset = new TaskBuilder(_store).Build(new ReadmissionTask());

        Assert.Equal(1, Value(dataset, "v2", "prior_inpatient_visits"));
        Assert.Equal(24.875f, Value(dataset, "v2", "days_since_last_discharge"), 3);
        Assert.Equal(3, Value(dataset, "v2", "n_diagnoses_known"));
        Assert.Equal(1, Value(dataset, "v2", "dx_ICD10CM_I50"));
        Assert.Equal(1, Value(dataset, "v2", "dx_ICD10CM_N18"));
        Assert.Equal(0, Value(dataset, "v2", "dx_ICD10CM_J44"));
    }

    [Fact]
    public void Drug_recommendation_never_uses_the_drugs_it_predicts()
    {
        var dataset = new TaskBuilder(_store).Build(new DrugRecommendationTask());

        Assert.Equal(0, Value(dataset, "v1", "n_drugs_window"));
        var v1 = dataset.Visits!.Inputs.Sequences[dataset.Samples.ToList().FindIndex(s => s.SampleKey == "v1")];
        var visit = Assert.Single(v1);
        Assert.Equal(["ICD10CM:E11.9", "ICD10CM:I50.9"], visit.CodesByChannel[0]);
        Assert.Equal(["ICD10PCS:02HV33Z"], visit.CodesByChannel[1]);
        Assert.Empty(visit.CodesByChannel[2]);
        var v2 = dataset.Visits.Inputs.Sequences[dataset.Samples.ToList().FindIndex(s => s.SampleKey == "v2")];
        Assert.Equal(["ATC:A10BA02", "ATC:C03CA01"], v2[0].CodesByChannel[2]); // the earlier visit's drugs are history
        Assert.Empty(v2[1].CodesByChannel[2]);
    }

    [Fact]
    public void Visit_sequences_hold_codes_known_by_the_index_time_oldest_first()
    {
        var dataset = new TaskBuilder(_store).Build(new ReadmissionTask());
        var sequence = dataset.Visits!.Inputs.Sequences[dataset.Samples.ToList().FindIndex(s => s.SampleKey == "v2")];

        Assert.Equal(2, sequence.Count);
        Assert.Equal(697, sequence[0].HoursBeforeIndex, 6); // Jan 1 08:00 → Jan 30 09:00
        Assert.Equal(239, sequence[1].HoursBeforeIndex, 6);
        Assert.Equal(["ICD10CM:I50.9", "ICD10CM:N18.3"], sequence[1].CodesByChannel[0]);
        Assert.Equal(["ATC:C03CA01", "ATC:C09AA03"], sequence[1].CodesByChannel[2]);

        var mortality = new TaskBuilder(_store).Build(new InHospitalMortalityTask(48));
        var early = mortality.Visits!.Inputs.Sequences[0];
        Assert.Empty(Assert.Single(early).CodesByChannel[0]); // at 48 h no diagnosis of the visit is known yet
    }

    [Fact]
    public void Time_series_put_each_value_in_its_hour_with_a_mask()
    {
        var options = new FeatureOptions { Shapes = TaskShapes.All, TimeSeriesHours = 48, TimeSeriesStepHours = 1 };
        var dataset = new TaskBuilder(_store, options).Build(new InHospitalMortalityTask(48));
        var series = dataset.TimeSeries!.Inputs;
        int heartRate = series.Channels.ToList().IndexOf("LOINC:8867-4");
        int channels = series.Channels.Count;

        Assert.Equal(48, series.Steps);
        var values = series.SampleValues(0);
        var mask = series.SampleMask(0).ToArray();
        Assert.Equal(110, values[(1 * channels) + heartRate]); // 09:00, one hour after admission
        Assert.Equal(100, values[(13 * channels) + heartRate]);
        Assert.Equal(90, values[(25 * channels) + heartRate]);
        Assert.Equal(3, Enumerable.Range(0, 48).Count(s => mask[(s * channels) + heartRate] == 1));
        Assert.True(float.IsNaN(values[(2 * channels) + heartRate]));
        Assert.Equal("/min", series.Units[heartRate] is { } unit ? Galen.Data.Preprocessing.UnitHarmonizer.Normalize(unit) : null);
    }

    [Fact]
    public void The_three_shapes_share_samples_and_targets()
    {
        var dataset = new TaskBuilder(_store, new FeatureOptions { Shapes = TaskShapes.All }).Build(new LengthOfStayTask());

        Assert.Equal(dataset.Count, dataset.Visits!.Count);
        Assert.Equal(dataset.Count, dataset.TimeSeries!.Count);
        Assert.Same(dataset.Tabular.Targets, dataset.Visits.Targets);
        Assert.Equal(dataset.Samples, dataset.TimeSeries.Samples);
    }

    [Fact]
    public void Building_several_tasks_in_one_pass_gives_what_building_them_one_by_one_gives()
    {
        IClinicalTask[] tasks = [new InHospitalMortalityTask(), new ReadmissionTask(), new DrugRecommendationTask(), DiseaseProgressionTask.HbA1c()];
        var together = new TaskBuilder(_store).Build(tasks);

        for (int t = 0; t < tasks.Length; t++)
        {
            var alone = new TaskBuilder(_store).Build(tasks[t]);
            Assert.Equal(alone.Task, together[t].Task);
            Assert.Equal(alone.Samples.Select(s => s.SampleKey), together[t].Samples.Select(s => s.SampleKey));
            Assert.Equal(alone.Tabular.Targets.Values.ToArray(), together[t].Tabular.Targets.Values.ToArray());
            Assert.Equal(alone.Tabular.Inputs.Values.ToArray(), together[t].Tabular.Inputs.Values.ToArray());
        }
    }

    [Fact]
    public void The_cohort_summary_counts_patients_prevalence_and_missingness()
    {
        var summary = new TaskBuilder(_store).Build(new InHospitalMortalityTask(48)).Summarize();

        Assert.Equal(5, summary.Samples);
        Assert.Equal(3, summary.Patients);
        Assert.Equal(0.2, summary.Outcome, 6);
        Assert.Contains(summary.Missingness, m => m.Group == "demographics" && m.MissingFraction == 0);
        Assert.Contains(summary.Missingness, m => m.Group == "Creatinine" && m.MissingFraction > 0);
        Assert.InRange(summary.MissingFraction, 0.01, 0.99);
    }
}
