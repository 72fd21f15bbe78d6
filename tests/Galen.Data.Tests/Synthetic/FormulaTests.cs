using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Generation;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Tests.Synthetic;

/// <summary>
/// The formulas behind the ground truth, against independent implementations. Golden values come
/// from bench/peers/synthetic_hospital_golden.py (Debian python3: math.erfc, numpy, the published
/// CKD-EPI 2021 equation).
/// </summary>
public sealed class FormulaTests
{
    [Theory]
    [InlineData(1.0, 60, false, 86.16262077966914)]
    [InlineData(0.8, 45, true, 92.54078494722717)]
    [InlineData(2.5, 70, false, 26.963782417509208)]
    [InlineData(0.5, 30, true, 129.31695975066629)]
    public void Ckd_epi_2021_matches_the_published_equation(double creatinine, double age, bool female, double expected)
    {
        Assert.Equal(expected, CkdEpi.Egfr(creatinine, age, female), 10);
        Assert.Equal(creatinine, CkdEpi.Creatinine(expected, age, female), 10);
    }

    [Theory]
    [InlineData(-2.5, 1.999593047982555)]
    [InlineData(-0.7, 1.6778011938374184)]
    [InlineData(0.0, 1.0)]
    [InlineData(0.3, 0.6713732405408726)]
    [InlineData(1.2, 0.08968602177036465)]
    [InlineData(3.1, 1.1648657367199589e-05)]
    [InlineData(5.5, 7.357847917974398e-15)]
    public void Erfc_matches_the_c_library_to_1e_minus_14_relative(double x, double expected) =>
        Assert.True(Math.Abs(NormalDistribution.Erfc(x) - expected) <= 1e-14 * expected, $"erfc({x}) = {NormalDistribution.Erfc(x):R}, expected {expected:R}");

    public static TheoryData<double[], double[][], double, double, double> Predictions => new()
    {
        { [7.5, 0.9, 0.1, 0.25, 0.3], [], 1.6, 7.660000000000001, 1.0295630140987 },
        { [7.5, 0.9, 0.1, 0.25, 0.3], [[0, 7.2], [0.5, 7.9], [1.1, 7.6]], 1.6, 7.7478266850068795, 0.4123147326855373 },
        { [62.0, 15, -2.5, 1.5, 4.0], [[-0.8, 66], [-0.3, 61], [0.2, 60], [0.9, 52]], 1.4, 54.94424889378185, 4.851640478294541 },
    };

    [Theory]
    [MemberData(nameof(Predictions))]
    public void Posterior_predictive_matches_numpy_bayesian_linear_regression(double[] prior, double[][] history, double years, double mean, double sd)
    {
        var trajectory = new LabTrajectory(Analyte.HbA1c, prior[0], prior[1], prior[2], prior[3], prior[4], Intercept: 0, Slope: 0);
        var (m, s) = LabTrajectoryModel.Predict(trajectory, history.Select(h => (h[0], h[1])).ToList(), years);
        Assert.Equal(mean, m, 10);
        Assert.Equal(sd, s, 10);
    }

    [Fact]
    public void Length_of_stay_probabilities_are_consistent_with_their_distribution()
    {
        var x = new AdmissionRiskFactors { Age = 70, Conditions = ChronicCondition.HeartFailure, Reason = AdmissionReason.Pneumonia, PriorAdmissions365 = 1, Icu = false, Intubated = false, SystolicMin = 95, OxygenSaturationMin = 89 };
        double p = OutcomeModel.MortalityProbability(x);
        Assert.InRange(p, 0.0, 1.0);

        // Monte Carlo of the documented distributions agrees with the closed forms.
        var rng = new Random(5);
        int n = 400_000;
        double longStays = 0;
        double totalDays = 0;
        for (int i = 0; i < n; i++)
        {
            bool dies = rng.NextDouble() < p;
            double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            double hours = dies
                ? OutcomeModel.EarliestDeathHours + (OutcomeModel.DeathExcessHoursMedian * Math.Exp(OutcomeModel.DeathLogSd * z))
                : OutcomeModel.ShortestStayHours + Math.Exp(OutcomeModel.SurvivorLogExcessHours(x) + (OutcomeModel.SurvivorLogSd * z));
            longStays += hours > 168 ? 1 : 0;
            totalDays += hours / 24;
        }

        Assert.Equal(OutcomeModel.LongStayProbability(x), longStays / n, 2);
        Assert.Equal(OutcomeModel.ExpectedLengthOfStayDays(x), totalDays / n, 1);
    }
}
