using Galen.Core.Learning;
using Galen.Core.Learning.Sequences;
using Galen.Core.Splits;
using Galen.Data.Preprocessing;
using Galen.Data.Tasks;

namespace Galen.Data.Tests.Preprocessing;

public sealed class PreprocessingTests
{
    private static readonly FeatureSpec[] TwoNumeric = [new("a", "a"), new("b", "b")];

    private static LabelledSet<FeatureMatrix> Set(FeatureSpec[] features, float[] values, params string[] patients)
    {
        int rows = values.Length / features.Length;
        var samples = Enumerable.Range(0, rows).Select(i => new SampleInfo(patients[i], "s" + i, null, new Dictionary<string, string>())).ToArray();
        return new LabelledSet<FeatureMatrix>(new FeatureMatrix(features, values), new TargetMatrix(LabelSchema.Binary("y", "y"), new float[rows]), samples);
    }

    [Fact]
    public void Imputation_statistics_come_from_the_training_rows_only()
    {
        var train = new FeatureMatrix(TwoNumeric, [1, 10, 3, float.NaN, float.NaN, 30]);
        var test = new FeatureMatrix(TwoNumeric, [1000, 1000, float.NaN, float.NaN]);

        var fitted = new SimpleImputer(ImputationStrategy.Mean, addIndicators: true).Fit(train);
        var output = fitted.Transform(test);

        Assert.Equal(["a", "b", "a_missing", "b_missing"], output.Features.Select(f => f.Name));
        Assert.Equal([1000f, 1000, 0, 0, 2, 20, 1, 1], output.Values.ToArray()); // means 2 and 20 of the training rows, not 334 / 353
    }

    [Fact]
    public void Standardisation_uses_training_mean_and_deviation_and_leaves_binary_columns()
    {
        FeatureSpec[] features = [new("x", "x"), new("flag", "flag", FeatureKind.Binary)];
        var train = new FeatureMatrix(features, [1, 0, 3, 1]);

        var output = new Standardizer().Fit(train).Transform(new FeatureMatrix(features, [5, 1, float.NaN, 0]));

        Assert.Equal([3f, 1, float.NaN, 0], output.Values.ToArray()); // mean 2, sd 1
    }

    [Fact]
    public void Columns_missing_too_often_in_training_are_dropped_and_incomplete_rows_can_be_dropped()
    {
        var train = new FeatureMatrix(TwoNumeric, [1, float.NaN, 2, float.NaN, 3, 4]);

        var kept = new MissingColumnDropper(0.5).Fit(train);

        Assert.Equal(["a"], kept.OutputFeatures.Select(f => f.Name));
        Assert.Equal([2], CompleteRows.Of(train));
    }

    [Fact]
    public void One_hot_and_label_encoding_learn_levels_from_training_and_handle_unseen_ones()
    {
        FeatureSpec[] features = [new("unit", "care unit", FeatureKind.Categorical), new("x", "x")];
        var train = new FeatureMatrix(features, [7, 1, 3, 2, 7, 3]);
        var test = new FeatureMatrix(features, [3, 9, 5, 9, float.NaN, 9]);

        var onehot = new OneHotEncoder().Fit(train).Transform(test);
        var labels = new LabelEncoder().Fit(train).Transform(test);

        Assert.Equal(["unit=3", "unit=7", "x"], onehot.Features.Select(f => f.Name));
        Assert.Equal([1f, 0, 9, 0, 0, 9, 0, 0, 9], onehot.Values.ToArray());
        Assert.Equal([0f, 9, 2, 9, float.NaN, 9], labels.Values.ToArray()); // 3 → 0, unseen 5 → K = 2
    }

    [Fact]
    public void A_pipeline_fits_each_step_on_the_previous_steps_output()
    {
        var train = new FeatureMatrix(TwoNumeric, [0, 0, 100, 0, 1, float.NaN, 2, 0]);
        var pipeline = new FeaturePipeline(new OutlierClipper(0, 0.5), new SimpleImputer(ImputationStrategy.Mean, addIndicators: false), new Standardizer());

        var output = pipeline.Fit(train).Transform(new FeatureMatrix(TwoNumeric, [100, float.NaN]));

        // The clipper caps a at 1.5 (the median of 0, 100, 1, 2), so the standardizer sees a = 0, 1.5, 1, 1.5;
        // b is imputed with its mean 0 and is constant, so it is only centred.
        double[] clipped = [0, 1.5, 1, 1.5];
        double mean = clipped.Average(), sd = Math.Sqrt(clipped.Average(v => (v - mean) * (v - mean)));
        Assert.Equal((1.5 - mean) / sd, output[0, 0], 5);
        Assert.Equal(0, output[0, 1]);
    }

    [Fact]
    public void Carry_forward_and_linear_interpolation_fill_gaps_and_keep_masks()
    {
        // One channel, five steps: observed at steps 1 and 4 (values 10, 40).
        float nan = float.NaN;
        var rows = new TimeSeriesSet(["hr"], [null], 5, 1, [nan, 10, nan, nan, 40], [0, 1, 0, 0, 1]);
        var train = new TimeSeriesSet(["hr"], [null], 5, 1, [6, nan, nan, nan, nan], [1, 0, 0, 0, 0]);

        var carried = new TimeSeriesImputer(TimeSeriesFill.CarryForward).Fit(train).Transform(rows);
        var interpolated = new TimeSeriesImputer(TimeSeriesFill.LinearInterpolation).Fit(train).Transform(rows);

        Assert.Equal([6f, 10, 10, 10, 40], carried.Values.ToArray()); // step 0 takes the training mean, 6
        Assert.Equal([6f, 10, 20, 30, 40], interpolated.Values.ToArray());
        Assert.Equal(rows.Mask.ToArray(), interpolated.Mask.ToArray());
    }

    [Fact]
    public void Time_series_standardisation_uses_observed_training_values()
    {
        var train = new TimeSeriesSet(["x"], [null], 3, 1, [1, 3, 999], [1, 1, 0]);

        var scaled = new TimeSeriesStandardizer().Fit(train).Transform(new TimeSeriesSet(["x"], [null], 3, 1, [4, float.NaN, 2], [1, 0, 1]));

        Assert.Equal([2f, float.NaN, 0], scaled.Values.ToArray()); // mean 2, sd 1 (the unobserved 999 is ignored)
    }

    [Fact]
    public void Code_vocabularies_reserve_pad_and_unknown_and_come_from_training_samples()
    {
        var train = new VisitSequenceSet(["condition"], [[new VisitCodes(1, [["ICD10CM:I50.9", "ICD10CM:E11.9"]])], [new VisitCodes(2, [["ICD10CM:I50.9"]])]]);
        var test = new VisitSequenceSet(["condition"], [[new VisitCodes(3, [["ICD10CM:I50.9", "ICD10CM:J44.1"]])]]);

        var vocabularies = SequenceVocabularies.Fit(train);
        var encoded = test.Encode(vocabularies);

        Assert.Equal(["<pad>", "<unk>", "ICD10CM:E11.9", "ICD10CM:I50.9"], vocabularies[0].Tokens);
        Assert.Equal([3, CodeVocabulary.UnknownId], encoded.Samples[0].Codes[0][0]);
        Assert.Equal(["<pad>", "<unk>", "ICD10CM:I50.9"], SequenceVocabularies.Fit(train, minCount: 2)[0].Tokens);
    }

    [Fact]
    public void The_leakage_audit_passes_a_clean_split_and_preprocessing()
    {
        var all = Set(TwoNumeric, [1, 2, 3, float.NaN, 5, 6, 7, 8, float.NaN, 10, 11, 12], "p1", "p1", "p2", "p3", "p4", "p4");
        var train = all.Select([0, 1, 2]);
        var test = all.Select([3, 4, 5]);

        var fitted = FittedPreprocessor.Fit(FeaturePipeline.Default(), train);
        var report = LeakageAudit.Run(train, null, test, fitted);

        Assert.True(report.Passed, string.Join("; ", report.Problems));
        Assert.Equal(["p1", "p2"], fitted.Provenance.PatientKeys);
    }

    [Fact]
    public void The_leakage_audit_catches_statistics_fitted_with_test_rows()
    {
        var all = Set(TwoNumeric, [1, 2, 3, float.NaN, 5, 6, 7, 8, float.NaN, 10, 11, 12], "p1", "p1", "p2", "p3", "p4", "p4");
        var train = all.Select([0, 1, 2]);
        var test = all.Select([3, 4, 5]);

        var leaky = FittedPreprocessor.Fit(new SimpleImputer(), all); // fitted before splitting, PyHealth-style
        var report = LeakageAudit.Run(train, null, test, leaky);

        Assert.False(report.Passed);
        Assert.False(report.FittedOnTrainingRowsOnly);
        Assert.False(report.StatisticsReproducedFromTrainingRows);
        Assert.Contains(report.Problems, p => p.Contains("held-out patient", StringComparison.Ordinal));
    }

    [Fact]
    public void The_leakage_audit_catches_a_patient_in_two_parts()
    {
        var all = Set(TwoNumeric, [1, 2, 3, 4, 5, 6, 7, 8], "p1", "p2", "p2", "p3");
        var train = all.Select([0, 1]);
        var test = all.Select([2, 3]);

        var report = LeakageAudit.Run(train, null, test, FittedPreprocessor.Fit(new Standardizer(), train));

        Assert.False(report.Passed);
        var overlap = Assert.Single(report.Split.Overlaps);
        Assert.Equal(["p2"], overlap.PatientKeys);
    }

    [Fact]
    public void A_task_split_by_patient_and_preprocessed_on_training_rows_passes_the_audit()
    {
        using var store = TestData.TinyStore();
        var dataset = new TaskBuilder(store).Build(new LengthOfStayTask());
        var split = PatientSplits.HoldOut(dataset.Tabular, new HoldOutFractions(0.34, 0, 0.66), seed: 3, stratify: false);
        var (train, validation, test) = split.Apply(dataset.Tabular);

        var fitted = FittedPreprocessor.Fit(FeaturePipeline.Default(), train);
        var report = LeakageAudit.Run(train, validation, test, fitted);

        Assert.True(report.Passed, string.Join("; ", report.Problems));
        Assert.All(fitted.Transform(test).Inputs.Values.ToArray(), v => Assert.False(float.IsNaN(v)));
    }
}
