using Galen.Core.Learning;
using Galen.Data.Store;
using Galen.Data.Tasks;

namespace Galen.Data.Tests.Tasks;

/// <summary>
/// Labels on the tiny MIMIC fixture, checked by hand against each task's definition. Store visit
/// ids follow ADMISSIONS.csv order: v1 = 101, v2 = 102, v3 = 103 (patient 1, died), v4 = 201,
/// v5 = 202 (patient 2), v6 = 301 (patient 3). The data end is 2017-02-20 09:30 (patient 3's
/// outpatient creatinine).
/// </summary>
public sealed class TaskLabelTests : IClassFixture<TinyStoreFixture>
{
    private readonly ClinicalStore _store;

    public TaskLabelTests(TinyStoreFixture fixture) => _store = fixture.Store;

    private Dictionary<string, float[]> Labels(IClinicalTask task)
    {
        var dataset = new TaskBuilder(_store).Build(task);
        var targets = dataset.Tabular.Targets;
        return dataset.Samples.Select((s, i) => (s.SampleKey, targets.Row(i).ToArray())).ToDictionary(p => p.SampleKey, p => p.Item2);
    }

    private Dictionary<string, float> Binary(IClinicalTask task) => Labels(task).ToDictionary(p => p.Key, p => p.Value.Single());

    [Fact]
    public void In_hospital_mortality_after_48_hours()
    {
        // 201 lasts 30 h (< 48): not a sample. 103 ends in death at 54 h: alive at 48 h, label 1.
        Assert.Equal(new Dictionary<string, float> { ["v1"] = 0, ["v2"] = 0, ["v3"] = 1, ["v5"] = 0, ["v6"] = 0 }, Binary(new InHospitalMortalityTask(48)));
    }

    [Fact]
    public void In_hospital_mortality_after_24_hours_includes_the_30_hour_stay()
    {
        Assert.Equal(new Dictionary<string, float> { ["v1"] = 0, ["v2"] = 0, ["v3"] = 1, ["v4"] = 0, ["v5"] = 0, ["v6"] = 0 }, Binary(new InHospitalMortalityTask(24)));
    }

    [Fact]
    public void Next_visit_mortality()
    {
        // 101 → 102 survived; 102 → 103 died; 201 → 202 survived; last visits have no next.
        Assert.Equal(new Dictionary<string, float> { ["v1"] = 0, ["v2"] = 1, ["v4"] = 0 }, Binary(new NextVisitMortalityTask()));
    }

    [Fact]
    public void Readmission_within_30_days()
    {
        // 101 → 102 after 14.9 days: 1. 102 → 103 after 122 days: 0. 103 died: excluded.
        // 201 → 202 after 50.7 days: 0. 202: 0 (follow-up complete). 301: discharged 16 days before the data end: censored.
        Assert.Equal(new Dictionary<string, float> { ["v1"] = 1, ["v2"] = 0, ["v4"] = 0, ["v5"] = 0 }, Binary(new ReadmissionTask(30)));
    }

    [Fact]
    public void Readmission_within_60_days_turns_the_51_day_gap_positive()
    {
        Assert.Equal(new Dictionary<string, float> { ["v1"] = 1, ["v2"] = 0, ["v4"] = 1, ["v5"] = 0 }, Binary(new ReadmissionTask(60)));
    }

    [Fact]
    public void Length_of_stay_longer_than_7_days()
    {
        // Stays: 4.17, 9.96, 2.25, 1.25, 19, 3 days; all in hospital at 24 h.
        Assert.Equal(new Dictionary<string, float> { ["v1"] = 0, ["v2"] = 1, ["v3"] = 0, ["v4"] = 0, ["v5"] = 1, ["v6"] = 0 }, Binary(new LengthOfStayTask(24, 7)));
    }

    [Fact]
    public void Length_of_stay_in_pyhealth_buckets()
    {
        // Whole days 4, 9, 2, 1, 19, 3 → classes 4, 8, 2, 1, 9, 3.
        Assert.Equal(new Dictionary<string, float> { ["v1"] = 4, ["v2"] = 8, ["v3"] = 2, ["v4"] = 1, ["v5"] = 9, ["v6"] = 3 },
            Binary(new LengthOfStayTask(24, label: LengthOfStayLabel.PyHealthBuckets)));
        Assert.Equal([0, 1, 7, 8, 8, 9], new[] { 0, 1, 7, 8, 14, 15 }.Select(LengthOfStayTask.Bucket));
    }

    [Fact]
    public void Drug_recommendation_at_atc_level_3()
    {
        var dataset = new TaskBuilder(_store).Build(new DrugRecommendationTask(3));

        Assert.Equal(["A10B", "C03C", "C09A", "R03A"], dataset.Schema.Classes);
        var labels = Labels(new DrugRecommendationTask(3));
        Assert.Equal([1f, 1, 0, 0], labels["v1"]); // metformin A10BA02, furosemide C03CA01
        Assert.Equal([0f, 1, 1, 0], labels["v2"]); // furosemide, lisinopril C09AA03
        Assert.Equal([0f, 0, 0, 1], labels["v4"]); // albuterol R03AC02
        Assert.Equal(3, labels.Count); // 103, 202, 301 have no drugs
    }

    [Fact]
    public void Next_visit_diagnosis_categories()
    {
        var dataset = new TaskBuilder(_store).Build(new NextVisitDiagnosisTask());
        var classes = dataset.Schema.Classes;

        Assert.Equal(["ICD10CM:E11", "ICD10CM:I10", "ICD10CM:I50", "ICD10CM:J44", "ICD10CM:J96", "ICD10CM:N18", "ICD9CM:428"], classes);
        var labels = Labels(new NextVisitDiagnosisTask());
        string[] Positive(string key) => classes.Where((_, i) => labels[key][i] == 1).ToArray();
        Assert.Equal(["ICD10CM:I50", "ICD10CM:N18"], Positive("v1"));
        Assert.Equal(["ICD10CM:J96"], Positive("v2"));
        Assert.Equal(["ICD10CM:I10", "ICD10CM:J44"], Positive("v4"));
        Assert.Equal(3, labels.Count);
    }

    [Fact]
    public void Next_hba1c_thirty_to_365_days_later()
    {
        // HbA1c: 7.5 % (Jan 1), 8.1 % (Jan 21), 75 mmol/mol = 9.013 % (Jun 1). From Jan 1 the first value ≥ 30 days later is June's; the same from Jan 21.
        var dataset = new TaskBuilder(_store).Build(DiseaseProgressionTask.HbA1c());

        Assert.Equal(LabelKind.Regression, dataset.Schema.Kind);
        Assert.Equal(["p1-hba1c-0", "p1-hba1c-1"], dataset.Samples.Select(s => s.SampleKey));
        Assert.All(dataset.Tabular.Targets.Values.ToArray(), y => Assert.Equal((0.09148 * 75) + 2.152, y, 4));
        Assert.Equal([new DateTime(2015, 1, 1, 10, 0, 0), new DateTime(2015, 1, 21, 8, 0, 0)], dataset.Samples.Select(s => s.IndexTime!.Value));
    }

    [Fact]
    public void Next_hba1c_with_a_two_week_minimum_gap()
    {
        var dataset = new TaskBuilder(_store).Build(DiseaseProgressionTask.HbA1c(minGapDays: 14));

        Assert.Equal([8.1f, (float)((0.09148 * 75) + 2.152)], dataset.Tabular.Targets.Values.ToArray());
    }

    [Fact]
    public void Samples_carry_pseudonymous_keys_and_subgroup_attributes()
    {
        var dataset = new TaskBuilder(_store).Build(new InHospitalMortalityTask(48));
        var first = dataset.Samples[0];

        Assert.Equal("p1", first.PatientKey);
        Assert.Equal("F", first.Attributes[SampleInfo.AttributeNames.Sex]);
        Assert.Equal("40-64", first.Attributes[SampleInfo.AttributeNames.AgeBand]);
        Assert.Equal("WHITE", first.Attributes[SampleInfo.AttributeNames.Ethnicity]);
        Assert.Equal("HISPANIC OR LATINO", dataset.Samples.Single(s => s.PatientKey == "p3").Attributes[SampleInfo.AttributeNames.Ethnicity]);
    }
}

/// <summary>One tiny store shared by the label tests (read-only).</summary>
public sealed class TinyStoreFixture : IDisposable
{
    public ClinicalStore Store { get; } = TestData.TinyStore();

    public void Dispose() => Store.Dispose();
}
