using Galen.Core.Learning;
using Galen.Evaluation.Metrics;
using Galen.Evaluation.Resampling;
using Galen.Evaluation.Summaries;

namespace Galen.Evaluation.Tests.Summaries;

public sealed class EvaluatorTests
{
    [Fact]
    public void Binary_evaluation_holds_intervals_bands_calibration_operating_points_subgroups_and_conformal_coverage()
    {
        var random = new Random(8);
        const int N = 3000;
        var targets = new float[N];
        var scores = new double[N];
        var samples = new SampleInfo[N];
        for (int i = 0; i < N; i++)
        {
            bool female = i % 2 == 0;
            double risk = 1 / (1 + Math.Exp(-((random.NextDouble() * 4) - 2.5)));
            targets[i] = random.NextDouble() < risk ? 1 : 0;

            // Over-confident and noisier for one sex, so there is a gap to find.
            double noise = female ? 0.05 : 0.3;
            scores[i] = Math.Clamp((risk * risk * 1.4) + ((random.NextDouble() - 0.5) * noise), 0.001, 0.999);
            samples[i] = new SampleInfo("p" + (i / 2), "s" + i, null, new Dictionary<string, string> { ["sex"] = female ? "F" : "M" });
        }

        var schema = LabelSchema.Binary("y", "outcome");
        var evaluation = Evaluator.Evaluate(
            "test",
            "fixed scores",
            "hold-out",
            new TargetMatrix(schema, targets),
            new Predictions(schema, scores),
            samples,
            foldOfRow: Enumerable.Range(0, N).Select(i => i / 2 % 5).ToArray(),
            options: new EvaluationOptions(new BootstrapOptions(Resamples: 100)));

        var auroc = evaluation.Metric(MetricNames.Auroc)!;
        Assert.InRange(auroc.Value, auroc.Lower, auroc.Upper);
        Assert.Equal(51, evaluation.RocBand!.Grid.Count);
        Assert.Equal(1500, evaluation.Patients);
        Assert.Equal(5, evaluation.FoldScores!.Count);
        Assert.Equal("sex", evaluation.Subgroups!.Largest!.Attribute);
        Assert.Equal("F", evaluation.Subgroups.Largest.Best);
        Assert.Equal(3, evaluation.OperatingPoints!.Count);
        Assert.True(evaluation.OperatingPoints[1].Sensitivity >= 0.9);
        var none = evaluation.Calibration!.Single(c => c.Method == "none");
        Assert.All(evaluation.Calibration!.Where(c => c.Method != "none"), c => Assert.True(c.Ece < none.Ece, c.ToString()));
        Assert.InRange(evaluation.Conformal!.Coverage, 0.88, 0.93);
    }
}
