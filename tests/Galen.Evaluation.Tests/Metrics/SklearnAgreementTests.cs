using Galen.Core.Learning;
using Galen.Evaluation.Calibration;
using Galen.Evaluation.Metrics;
using Galen.Evaluation.OperatingPoints;
using static Galen.Evaluation.Tests.Metrics.SklearnGolden;

namespace Galen.Evaluation.Tests.Metrics;

/// <summary>Every metric against scikit-learn 1.2.1 on the same predictions (golden values in SklearnGolden.cs).</summary>
public sealed class SklearnAgreementTests
{
    private const double Tolerance = 1e-9;

    private static readonly BinaryOutcomes Binary = new(BinaryLabels, BinaryScores);

    [Fact]
    public void Binary_threshold_metrics_match_scikit_learn()
    {
        var c = Binary.Confusion(0.5);
        Assert.Equal(BinaryAccuracy, c.Accuracy, Tolerance);
        Assert.Equal(BinaryBalancedAccuracy, c.BalancedAccuracy, Tolerance);
        Assert.Equal(BinaryPrecision, c.Precision, Tolerance);
        Assert.Equal(BinaryRecall, c.Recall, Tolerance);
        Assert.Equal(BinarySpecificity, c.Specificity, Tolerance);
        Assert.Equal(BinaryF1, c.F1, Tolerance);
    }

    [Fact]
    public void Binary_ranking_and_probability_metrics_match_scikit_learn()
    {
        Assert.Equal(BinaryAuroc, Binary.Auroc(), Tolerance);
        Assert.Equal(BinaryAveragePrecision, Binary.AveragePrecision(), Tolerance);
        Assert.Equal(BinaryLogLoss, Binary.LogLoss(), Tolerance);
        Assert.Equal(BinaryBrier, Binary.Brier(), Tolerance);
        Assert.Equal(BinaryEce10, Binary.ExpectedCalibrationError(10), Tolerance);
    }

    [Fact]
    public void Roc_and_precision_recall_curves_match_scikit_learn()
    {
        var roc = Binary.Roc();
        Assert.Equal(RocFpr.Length, roc.FalsePositiveRate.Count);
        for (int i = 0; i < RocFpr.Length; i++)
        {
            Assert.Equal(RocFpr[i], roc.FalsePositiveRate[i], Tolerance);
            Assert.Equal(RocTpr[i], roc.TruePositiveRate[i], Tolerance);

            // scikit-learn 1.2 puts max + 1 where Galen puts +∞ for "flag nobody".
            if (i > 0)
            {
                Assert.Equal(RocThresholds[i], roc.Thresholds[i], Tolerance);
            }
        }

        var pr = Binary.PrecisionRecall();
        Assert.Equal(PrPrecision, pr.Precision.ToArray(), new ToleranceComparer(Tolerance));
        Assert.Equal(PrRecall, pr.Recall.ToArray(), new ToleranceComparer(Tolerance));
    }

    [Fact]
    public void Reliability_curve_matches_scikit_learn_calibration_curve()
    {
        var bins = Binary.Reliability(10);
        Assert.Equal(ReliabilityObserved, bins.Select(b => b.ObservedRate).ToArray(), new ToleranceComparer(Tolerance));
        Assert.Equal(ReliabilityPredicted, bins.Select(b => b.MeanPredicted).ToArray(), new ToleranceComparer(Tolerance));
    }

    [Fact]
    public void Youden_threshold_matches_the_argmax_of_scikit_learn_roc_curve()
    {
        Assert.Equal(YoudenThreshold, OperatingPointSelector.Youden(Binary).Threshold, Tolerance);
    }

    [Fact]
    public void Scorecard_reports_the_same_binary_values_by_name()
    {
        var targets = new TargetMatrix(LabelSchema.Binary("y", "outcome"), BinaryLabels.Select(l => l ? 1f : 0f).ToArray());
        var card = Scorecard.Compute(targets, new Predictions(targets.Schema, BinaryScores)).ToDictionary(m => m.Name, m => m.Value);
        Assert.Equal(BinaryAuroc, card[MetricNames.Auroc], Tolerance);
        Assert.Equal(BinaryAveragePrecision, card[MetricNames.Auprc], Tolerance);
        Assert.Equal(BinaryF1, card[MetricNames.F1], Tolerance);
        Assert.Equal(BinaryEce10, card[MetricNames.Ece], Tolerance);
    }

    [Fact]
    public void Multiclass_metrics_match_scikit_learn()
    {
        const int k = 3;
        Assert.Equal(MulticlassAccuracy, MulticlassScores.Accuracy(MulticlassLabels, MulticlassProbabilities, k), Tolerance);
        Assert.Equal(MulticlassBalancedAccuracy, MulticlassScores.BalancedAccuracy(MulticlassLabels, MulticlassProbabilities, k), Tolerance);
        var macro = MulticlassScores.PrecisionRecallF1(MulticlassLabels, MulticlassProbabilities, k, Averaging.Macro);
        var micro = MulticlassScores.PrecisionRecallF1(MulticlassLabels, MulticlassProbabilities, k, Averaging.Micro);
        var weighted = MulticlassScores.PrecisionRecallF1(MulticlassLabels, MulticlassProbabilities, k, Averaging.Weighted);
        Assert.Equal(MulticlassMacroPrecision, macro.Precision, Tolerance);
        Assert.Equal(MulticlassMacroRecall, macro.Recall, Tolerance);
        Assert.Equal(MulticlassMacroF1, macro.F1, Tolerance);
        Assert.Equal(MulticlassMicroPrecision, micro.Precision, Tolerance);
        Assert.Equal(MulticlassMicroRecall, micro.Recall, Tolerance);
        Assert.Equal(MulticlassMicroF1, micro.F1, Tolerance);
        Assert.Equal(MulticlassWeightedPrecision, weighted.Precision, Tolerance);
        Assert.Equal(MulticlassWeightedRecall, weighted.Recall, Tolerance);
        Assert.Equal(MulticlassWeightedF1, weighted.F1, Tolerance);
        Assert.Equal(MulticlassLogLoss, MulticlassScores.LogLoss(MulticlassLabels, MulticlassProbabilities, k), Tolerance);
        Assert.Equal(MulticlassMacroAurocOvr, MulticlassScores.MacroAuroc(MulticlassLabels, MulticlassProbabilities, k), Tolerance);
    }

    [Fact]
    public void Multi_label_metrics_match_scikit_learn()
    {
        const int k = 4;
        var targets = MultiLabelTargets.Select(v => (float)v).ToArray();
        Assert.Equal(MultiLabelJaccardSamples, MultiLabelScores.JaccardSamples(targets, MultiLabelProbabilities, k), Tolerance);
        var micro = MultiLabelScores.Micro(targets, MultiLabelProbabilities, k);
        Assert.Equal(MultiLabelMicroF1, micro.F1, Tolerance);
        Assert.Equal(MultiLabelMicroPrecision, micro.Precision, Tolerance);
        Assert.Equal(MultiLabelMicroRecall, micro.Recall, Tolerance);
        Assert.Equal(MultiLabelMacroF1, MultiLabelScores.MacroF1(targets, MultiLabelProbabilities, k), Tolerance);
        Assert.Equal(MultiLabelSamplesAveragePrecision, MultiLabelScores.SamplesAveragePrecision(targets, MultiLabelProbabilities, k), Tolerance);
        Assert.Equal(MultiLabelHammingLoss, MultiLabelScores.HammingLoss(targets, MultiLabelProbabilities, k), Tolerance);
        Assert.Equal(MultiLabelMacroAuroc, MultiLabelScores.MacroAuroc(targets, MultiLabelProbabilities, k), Tolerance);
    }

    [Fact]
    public void Regression_metrics_match_scikit_learn()
    {
        Assert.Equal(RegressionMae, RegressionScores.MeanAbsoluteError(RegressionTargets, RegressionPredictions), Tolerance);
        Assert.Equal(RegressionRmse, RegressionScores.RootMeanSquaredError(RegressionTargets, RegressionPredictions), Tolerance);
        Assert.Equal(RegressionR2, RegressionScores.R2(RegressionTargets, RegressionPredictions), Tolerance);
    }

    [Fact]
    public void Platt_scaling_finds_the_optimum_scikit_learn_finds()
    {
        // scikit-learn writes P = 1 / (1 + exp(A f + B)); Galen writes σ(A f + B), so the signs flip.
        // Both minimise the same smooth objective; BFGS stops within about 1e-5 of the optimum.
        var fit = (PlattCalibration)new PlattScaling(onLogit: false).Fit(BinaryScores, BinaryLabels);
        Assert.Equal(-PlattA, fit.A, 1e-4);
        Assert.Equal(-PlattB, fit.B, 1e-4);
    }

    [Fact]
    public void Isotonic_calibration_matches_scikit_learn_isotonic_regression()
    {
        var fit = new IsotonicCalibrator().Fit(BinaryScores, BinaryLabels);
        for (int i = 0; i < IsotonicGrid.Length; i++)
        {
            Assert.Equal(IsotonicAtGrid[i], fit.Apply(IsotonicGrid[i]), Tolerance);
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
