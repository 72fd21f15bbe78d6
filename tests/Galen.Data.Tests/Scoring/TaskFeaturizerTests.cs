using Galen.Data.Scoring;
using Galen.Data.Tasks;

namespace Galen.Data.Tests.Scoring;

/// <summary>
/// A model's task featurizer, rebuilt from the model's feature names alone, reproduces the
/// task's batch rows — so a change to the task features that the single-patient path does not
/// follow fails here, next to the feature code.
/// </summary>
public sealed class TaskFeaturizerTests
{
    [Theory]
    [InlineData("in_hospital_mortality", "observation_hours=24")]
    [InlineData("readmission", "window_days=30")]
    [InlineData("length_of_stay", "observation_hours=24;threshold_days=3")]
    [InlineData("next_visit_mortality", "")]
    public void Rows_from_the_model_features_alone_equal_the_batch_rows(string name, string parameters)
    {
        using var store = TestData.TinyStore();
        var task = ClinicalTasks.Create(name, parameters);
        var dataset = new TaskBuilder(store).Build(task);
        var featurizer = TaskFeaturizer.Create(task, dataset.Tabular.Inputs.Features);
        var batch = Enumerable.Range(0, dataset.Count).ToDictionary(i => dataset.Samples[i].SampleKey, i => dataset.Tabular.Inputs.Row(i).ToArray());

        int compared = 0;
        foreach (var patient in store.LoadTimelines())
        {
            foreach (var row in featurizer.Samples(patient))
            {
                Assert.Equal(batch[row.Sample.SampleKey], row.Values);
                compared++;
            }
        }

        Assert.True(dataset.Count > 0);
        Assert.Equal(dataset.Count, compared);
        Assert.Empty(TaskFeaturizer.FeaturesNoTaskComputes(dataset.Tabular.Inputs.Features));
    }

    [Fact]
    public void A_subset_of_the_features_in_another_order_gets_the_same_values_for_those_features()
    {
        using var store = TestData.TinyStore();
        var task = new ReadmissionTask();
        var dataset = new TaskBuilder(store).Build(task);
        var all = dataset.Tabular.Inputs.Features;
        var picked = Enumerable.Range(0, all.Count).Where(j => j % 3 == 0).Reverse().ToArray();
        var featurizer = TaskFeaturizer.Create(task, picked.Select(j => all[j]).ToArray());

        foreach (var patient in store.LoadTimelines())
        {
            foreach (var row in featurizer.Samples(patient))
            {
                int i = dataset.Samples.ToList().FindIndex(s => s.SampleKey == row.Sample.SampleKey);
                Assert.Equal(picked.Select(j => dataset.Tabular.Inputs[i, j]), row.Values);
            }
        }
    }
}
