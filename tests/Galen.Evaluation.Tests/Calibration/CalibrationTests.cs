using Galen.Evaluation.Calibration;
using Galen.Evaluation.Metrics;

namespace Galen.Evaluation.Tests.Calibration;

public sealed class CalibrationTests
{
    /// <summary>
    /// Outcomes drawn from true risks; the "model" reports an over-confident distortion,
    /// σ(3·logit(p)) — right ranking, wrong probabilities.
    /// </summary>
    private static (bool[] Labels, double[] Reported) OverConfident(int n, int seed)
    {
        var random = new Random(seed);
        var labels = new bool[n];
        var reported = new double[n];
        for (int i = 0; i < n; i++)
        {
            double risk = CalibrationExtensions.Sigmoid((random.NextDouble() * 4) - 2.5);
            labels[i] = random.NextDouble() < risk;
            reported[i] = CalibrationExtensions.Sigmoid(3 * CalibrationExtensions.Logit(risk));
        }

        return (labels, reported);
    }

    [Theory]
    [InlineData("Platt")]
    [InlineData("isotonic")]
    [InlineData("temperature")]
    public void Calibration_fitted_on_one_split_lowers_ece_on_another(string method)
    {
        var (fitLabels, fitScores) = OverConfident(4000, 1);
        var (testLabels, testScores) = OverConfident(4000, 2);
        IProbabilityCalibrator calibrator = method switch
        {
            "Platt" => new PlattScaling(),
            "isotonic" => new IsotonicCalibrator(),
            _ => new TemperatureScaling(),
        };

        var map = calibrator.Fit(fitScores, fitLabels);
        double before = new BinaryOutcomes(testLabels, testScores).ExpectedCalibrationError();
        var after = new BinaryOutcomes(testLabels, map.ApplyAll(testScores));

        Assert.True(before > 0.08, $"the distortion should be visible (ECE {before:F3})");
        Assert.True(after.ExpectedCalibrationError() < before / 3, $"{method}: ECE {before:F3} -> {after.ExpectedCalibrationError():F3}");
        // Platt and temperature are monotone, so ranking is untouched; isotonic steps merge a few ties.
        Assert.InRange(after.Auroc() - new BinaryOutcomes(testLabels, testScores).Auroc(), method == "isotonic" ? -0.01 : -1e-9, 1e-9);
    }

    [Fact]
    public void Temperature_recovers_the_distortion_factor()
    {
        var (labels, scores) = OverConfident(20000, 3);
        var fit = (TemperatureCalibration)new TemperatureScaling().Fit(scores, labels);
        Assert.InRange(fit.Temperature, 2.7, 3.3);
    }

    [Fact]
    public void Multiclass_temperature_keeps_rows_summing_to_one()
    {
        double[] p = [0.7, 0.2, 0.1, 0.1, 0.1, 0.8];
        var fit = TemperatureScaling.FitMulticlass(p, [0, 2], 3);
        var scaled = fit.ApplyMulticlass(p, 3);
        Assert.Equal(1, scaled[0] + scaled[1] + scaled[2], 12);
        Assert.Equal(1, scaled[3] + scaled[4] + scaled[5], 12);
    }
}
