using Galen.Evaluation.Metrics;
using Galen.Evaluation.Resampling;

namespace Galen.Evaluation.Tests.Metrics;

public sealed class BootstrapWeightsTests
{
    [Fact]
    public void Metrics_from_counts_equal_metrics_on_the_materialised_resample()
    {
        var labels = SklearnGolden.BinaryLabels;
        var scores = SklearnGolden.BinaryScores;
        var outcomes = new BinaryOutcomes(labels, scores);
        var counts = new int[labels.Length];
        new BootstrapResampler(labels.Length).Draw(new Random(3), counts);
        var rows = BootstrapResampler.RowsOf(counts);
        var resampled = new BinaryOutcomes(rows.Select(r => labels[r]).ToArray(), rows.Select(r => scores[r]).ToArray());

        Assert.Equal(resampled.Auroc(), outcomes.Auroc(counts), 12);
        Assert.Equal(resampled.AveragePrecision(), outcomes.AveragePrecision(counts), 12);
        Assert.Equal(resampled.LogLoss(), outcomes.LogLoss(counts), 12);
        Assert.Equal(resampled.Brier(), outcomes.Brier(counts), 12);
        Assert.Equal(resampled.ExpectedCalibrationError(), outcomes.ExpectedCalibrationError(10, counts), 12);
        Assert.Equal(resampled.Confusion(0.5).F1, outcomes.Confusion(0.5, counts).F1, 12);
    }
}
