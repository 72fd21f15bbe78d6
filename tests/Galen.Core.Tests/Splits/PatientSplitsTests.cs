using Galen.Core.Learning;
using Galen.Core.Splits;

namespace Galen.Core.Tests.Splits;

public sealed class PatientSplitsTests
{
    /// <summary>300 patients with 1–4 samples each; about 20 % of patients positive (all their samples).</summary>
    private static LabelledSet<FeatureMatrix> Cohort(int seed = 1)
    {
        var rng = new Random(seed);
        var samples = new List<SampleInfo>();
        var targets = new List<float>();
        for (int p = 0; p < 300; p++)
        {
            bool positive = rng.NextDouble() < 0.2;
            for (int s = rng.Next(1, 5); s > 0; s--)
            {
                samples.Add(new SampleInfo("p" + p, $"p{p}-{s}", null, new Dictionary<string, string>()));
                targets.Add(positive ? 1 : 0);
            }
        }

        var features = new FeatureMatrix([new FeatureSpec("x", "x")], new float[samples.Count]);
        return new LabelledSet<FeatureMatrix>(features, new TargetMatrix(LabelSchema.Binary("y", "y"), [.. targets]), samples);
    }

    private static HashSet<string> Patients(LabelledSet<FeatureMatrix> set, IReadOnlyList<int> rows) => rows.Select(r => set.Samples[r].PatientKey).ToHashSet();

    [Fact]
    public void Hold_out_parts_are_patient_disjoint_and_cover_every_sample()
    {
        var set = Cohort();
        var split = PatientSplits.HoldOut(set, HoldOutFractions.Default, seed: 42);

        Assert.True(SplitAudit.Check(set.Samples, split).Passed);
        Assert.Equal(Enumerable.Range(0, set.Count), split.Train.Concat(split.Validation).Concat(split.Test).Order());
        Assert.Empty(Patients(set, split.Train).Intersect(Patients(set, split.Test)));
    }

    [Fact]
    public void Hold_out_follows_the_fractions_in_patients_and_keeps_the_positive_share_in_each_part()
    {
        var set = Cohort();
        var split = PatientSplits.HoldOut(set, HoldOutFractions.Default, seed: 42);
        int positives = set.Samples.Where((_, i) => set.Targets.Row(i)[0] == 1).Select(s => s.PatientKey).Distinct().Count();

        Assert.InRange(Patients(set, split.Train).Count, 205, 215);
        Assert.InRange(Patients(set, split.Test).Count, 55, 65);
        double PositiveShare(IReadOnlyList<int> rows) => Patients(set, rows.Where(r => set.Targets.Row(r)[0] == 1).ToArray()).Count / (double)Patients(set, rows).Count;
        Assert.InRange(PositiveShare(split.Train), (positives / 300.0) - 0.02, (positives / 300.0) + 0.02);
        Assert.InRange(PositiveShare(split.Test), (positives / 300.0) - 0.03, (positives / 300.0) + 0.03);
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_whatever_the_sample_order_and_another_seed_another_split()
    {
        var set = Cohort();
        var reversed = set.Select(Enumerable.Range(0, set.Count).Reverse().ToArray());
        var a = PatientSplits.HoldOut(set, HoldOutFractions.Default, seed: 5);
        var b = PatientSplits.HoldOut(reversed, HoldOutFractions.Default, seed: 5);
        var c = PatientSplits.HoldOut(set, HoldOutFractions.Default, seed: 6);

        Assert.Equal(Patients(set, a.Test), Patients(reversed, b.Test));
        Assert.NotEqual(Patients(set, a.Test), Patients(set, c.Test));
    }

    [Fact]
    public void K_fold_tests_every_patient_exactly_once_and_never_trains_on_a_test_patient()
    {
        var set = Cohort();
        var folds = PatientSplits.KFold(set, folds: 5, seed: 1);

        Assert.True(SplitAudit.Check(set.Samples, folds).Passed);
        Assert.Equal(Enumerable.Range(0, set.Count), folds.SelectMany(f => f.Test).Order());
        Assert.All(folds, f => Assert.Empty(Patients(set, f.Train).Intersect(Patients(set, f.Test))));
        Assert.All(folds, f => Assert.InRange(Patients(set, f.Test).Count, 58, 62));
    }

    [Fact]
    public void The_audit_reports_a_patient_found_in_two_parts()
    {
        var set = Cohort();
        var split = new HoldOutSplit([0, 1], [], [1, 2]);

        var result = SplitAudit.Check(set.Samples, split);

        Assert.False(result.Passed);
        Assert.Contains(set.Samples[1].PatientKey, result.Overlaps.Single().PatientKeys);
    }

    [Fact]
    public void Regression_targets_stratify_by_quartile()
    {
        var targets = new TargetMatrix(LabelSchema.Regression("y", "y"), [1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3], SplitStrata.FromTargets(targets));
    }
}
