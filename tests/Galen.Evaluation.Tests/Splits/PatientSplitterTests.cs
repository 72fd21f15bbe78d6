using Galen.Core.Learning;
using Galen.Evaluation.Splits;

namespace Galen.Evaluation.Tests.Splits;

public sealed class PatientSplitterTests
{
    /// <summary>Patients with 1 to 6 visits each; the outcome is rare (about 15%).</summary>
    private static LabelledSet<FeatureMatrix> Visits(int patients, int seed)
    {
        var random = new Random(seed);
        var samples = new List<SampleInfo>();
        var targets = new List<float>();
        for (int p = 0; p < patients; p++)
        {
            int visits = random.Next(1, 7);
            bool sick = random.NextDouble() < 0.15;
            for (int v = 0; v < visits; v++)
            {
                samples.Add(new SampleInfo($"patient-{p}", $"visit-{p}-{v}", null, new Dictionary<string, string>()));
                targets.Add(sick && random.NextDouble() < 0.7 ? 1 : 0);
            }
        }

        var features = new FeatureMatrix([new FeatureSpec("x", "x")], new float[samples.Count]);
        return new LabelledSet<FeatureMatrix>(features, new TargetMatrix(LabelSchema.Binary("y", "outcome"), [.. targets]), samples);
    }

    [Fact]
    public void K_fold_never_splits_a_patient_and_tests_every_row_once()
    {
        var data = Visits(400, 1);
        var folds = PatientSplitter.KFold(data, 5, seed: 7);

        var seen = new int[data.Count];
        foreach (var fold in folds)
        {
            var testPatients = fold.TestRows.Select(r => data.Samples[r].PatientKey).ToHashSet();
            var trainPatients = fold.TrainRows.Select(r => data.Samples[r].PatientKey).ToHashSet();
            Assert.Empty(testPatients.Intersect(trainPatients));
            Assert.Equal(data.Count, fold.TestRows.Count + fold.TrainRows.Count);
            foreach (int r in fold.TestRows)
            {
                seen[r]++;
            }
        }

        Assert.All(seen, count => Assert.Equal(1, count));
    }

    [Fact]
    public void K_fold_is_stratified_and_balanced()
    {
        var data = Visits(600, 2);
        var folds = PatientSplitter.KFold(data, 5, seed: 3);
        double overall = data.Targets.Values.ToArray().Average();

        foreach (var fold in folds)
        {
            double rate = fold.TestRows.Average(r => data.Targets.Row(r)[0]);
            Assert.InRange(rate, overall - 0.03, overall + 0.03);
            Assert.InRange(fold.TestRows.Count, data.Count / 5 * 0.9, data.Count / 5 * 1.1);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_folds_and_another_seed_other_folds()
    {
        var data = Visits(200, 3);
        var a = PatientSplitter.KFold(data, 4, 11);
        var b = PatientSplitter.KFold(data, 4, 11);
        var c = PatientSplitter.KFold(data, 4, 12);

        Assert.Equal(a.Select(f => f.TestRows.ToArray()), b.Select(f => f.TestRows.ToArray()));
        Assert.NotEqual(a[0].TestRows.ToArray(), c[0].TestRows.ToArray());
    }

    [Fact]
    public void Hold_out_keeps_patients_whole_and_takes_about_the_asked_fraction()
    {
        var data = Visits(500, 4);
        var split = PatientSplitter.HoldOut(data, 0.2, seed: 1);

        var testPatients = split.TestRows.Select(r => data.Samples[r].PatientKey).ToHashSet();
        Assert.DoesNotContain(split.TrainRows, r => testPatients.Contains(data.Samples[r].PatientKey));
        Assert.InRange(split.TestRows.Count / (double)data.Count, 0.18, 0.22);
    }

    [Fact]
    public void Too_many_folds_for_the_patients_is_a_clear_configuration_error()
    {
        var data = Visits(3, 5);
        var error = Assert.Throws<Core.Errors.GalenConfigurationException>(() => PatientSplitter.KFold(data, 10, 1));
        Assert.Contains("10 folds need at least 10 patients", error.Message, StringComparison.Ordinal);
    }
}
