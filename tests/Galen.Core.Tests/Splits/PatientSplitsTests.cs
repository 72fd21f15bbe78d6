using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Splits;

namespace Galen.Core.Tests.Splits;

/// <summary>
/// Patient-level splits, the one implementation every layer uses (the data layer's hold-out and
/// the learning layer's k-fold were merged here; the tests of both are kept).
/// </summary>
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

        return Set(samples, LabelSchema.Binary("y", "y"), [.. targets]);
    }

    /// <summary>Patients with 1 to 6 visits each; the outcome is rare (about 15 % of patients, 70 % of their visits).</summary>
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

        return Set(samples, LabelSchema.Binary("y", "outcome"), [.. targets]);
    }

    private static LabelledSet<FeatureMatrix> Set(List<SampleInfo> samples, LabelSchema schema, float[] targets) =>
        new(new FeatureMatrix([new FeatureSpec("x", "x")], new float[samples.Count]), new TargetMatrix(schema, targets), samples);

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
    public void Hold_out_follows_the_fractions_and_keeps_the_positive_share_in_each_part()
    {
        var set = Cohort();
        var split = PatientSplits.HoldOut(set, HoldOutFractions.Default, seed: 42);
        int positives = set.Samples.Where((_, i) => set.Targets.Row(i)[0] == 1).Select(s => s.PatientKey).Distinct().Count();

        Assert.InRange(Patients(set, split.Train).Count, 205, 215);
        Assert.InRange(Patients(set, split.Test).Count, 55, 65);
        Assert.InRange(split.Train.Count / (double)set.Count, 0.69, 0.71);
        Assert.InRange(split.Test.Count / (double)set.Count, 0.19, 0.21);
        double PositiveShare(IReadOnlyList<int> rows) => Patients(set, rows.Where(r => set.Targets.Row(r)[0] == 1).ToArray()).Count / (double)Patients(set, rows).Count;
        Assert.InRange(PositiveShare(split.Train), (positives / 300.0) - 0.02, (positives / 300.0) + 0.02);
        Assert.InRange(PositiveShare(split.Test), (positives / 300.0) - 0.03, (positives / 300.0) + 0.03);
    }

    [Fact]
    public void Hold_out_keeps_patients_whole_and_takes_about_the_asked_fraction_of_samples()
    {
        var data = Visits(500, 4);
        var split = PatientSplits.HoldOut(data, new HoldOutFractions(0.8, 0, 0.2), seed: 1);

        var testPatients = Patients(data, split.Test);
        Assert.DoesNotContain(split.Train, r => testPatients.Contains(data.Samples[r].PatientKey));
        Assert.InRange(split.Test.Count / (double)data.Count, 0.18, 0.22);
        Assert.Empty(split.Validation); // a part with fraction 0 gets nobody
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
        Assert.All(folds, f => Assert.InRange(Patients(set, f.Test).Count, 56, 64));
    }

    [Fact]
    public void K_fold_never_splits_a_patient_and_tests_every_row_once()
    {
        var data = Visits(400, 1);
        var folds = PatientSplits.KFold(data, 5, seed: 7);

        var seen = new int[data.Count];
        foreach (var fold in folds)
        {
            Assert.Empty(Patients(data, fold.Test).Intersect(Patients(data, fold.Train)));
            Assert.Equal(data.Count, fold.Test.Count + fold.Train.Count);
            foreach (int r in fold.Test)
            {
                seen[r]++;
            }
        }

        Assert.All(seen, count => Assert.Equal(1, count));
    }

    [Fact]
    public void K_fold_is_stratified_and_balanced_in_samples()
    {
        var data = Visits(600, 2);
        var folds = PatientSplits.KFold(data, 5, seed: 3);
        double overall = data.Targets.Values.ToArray().Average();

        foreach (var fold in folds)
        {
            double rate = fold.Test.Average(r => data.Targets.Row(r)[0]);
            Assert.InRange(rate, overall - 0.03, overall + 0.03);
            Assert.InRange(fold.Test.Count, data.Count / 5 * 0.95, data.Count / 5 * 1.05);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_folds_whatever_the_sample_order_and_another_seed_other_folds()
    {
        var data = Visits(200, 3);
        var reversed = data.Select(Enumerable.Range(0, data.Count).Reverse().ToArray());
        var a = PatientSplits.KFold(data, 4, 11);
        var b = PatientSplits.KFold(data, 4, 11);
        var c = PatientSplits.KFold(data, 4, 12);
        var d = PatientSplits.KFold(reversed, 4, 11);

        Assert.Equal(a.Select(f => f.Test.ToArray()), b.Select(f => f.Test.ToArray()));
        Assert.Equal(a.Select(f => Patients(data, f.Test)), d.Select(f => Patients(reversed, f.Test)));
        Assert.NotEqual(a[0].Test.ToArray(), c[0].Test.ToArray());
    }

    /// <summary>
    /// Fold assignments for seed 7 on a fixed cohort, recorded when the two splitters were merged:
    /// a change to the dealing changes every user's cross-validation folds and must not go unnoticed.
    /// </summary>
    [Fact]
    public void K_fold_assignments_for_a_seed_are_stable()
    {
        var data = Visits(12, 9);
        var folds = PatientSplits.KFold(data, 3, seed: 7);
        var patientFolds = folds.Select(f => string.Join(",", Patients(data, f.Test).Order(StringComparer.Ordinal))).ToArray();

        Assert.Equal(FoldsOfSeven, patientFolds);
    }

    private static readonly string[] FoldsOfSeven = ["patient-3,patient-6,patient-7", "patient-11,patient-4,patient-5,patient-8", "patient-0,patient-1,patient-10,patient-2,patient-9"];

    [Fact]
    public void Multi_label_targets_stratify_by_the_rarest_label_so_rare_labels_reach_every_fold()
    {
        // 60 patients, one sample each: every one has the common label 0, every sixth also the rare label 1.
        var samples = Enumerable.Range(0, 60).Select(p => new SampleInfo("p" + p, "s" + p, null, new Dictionary<string, string>())).ToList();
        var targets = Enumerable.Range(0, 60).SelectMany(p => new[] { 1f, p % 6 == 0 ? 1f : 0f }).ToArray();
        var set = Set(samples, new LabelSchema("y", LabelKind.MultiLabel, ["common", "rare"], "y"), targets);

        Assert.Equal([2, 1, 1, 1, 1, 1], SplitStrata.FromTargets(set.Targets).Take(6));
        var folds = PatientSplits.KFold(set, 5, seed: 2);
        Assert.All(folds, f => Assert.Equal(2, f.Test.Count(r => set.Targets.Row(r)[1] == 1)));
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

    [Fact]
    public void Too_many_folds_for_the_patients_is_a_clear_configuration_error()
    {
        var data = Visits(3, 5);
        var error = Assert.Throws<GalenConfigurationException>(() => PatientSplits.KFold(data, 10, 1));
        Assert.Contains("10 folds need at least 10 patients", error.Message, StringComparison.Ordinal);
        Assert.Throws<GalenConfigurationException>(() => PatientSplits.KFold(data, 1, 1));
        Assert.Throws<GalenConfigurationException>(() => new HoldOutFractions(0.5, 0.2, 0.2));
    }
}
