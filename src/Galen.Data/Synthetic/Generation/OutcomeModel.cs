using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Model;

namespace Galen.Data.Synthetic.Generation;

/// <summary>
/// The known generative model of admission outcomes. Every input is something the written
/// record shows (<see cref="AdmissionRiskFactors"/>, <see cref="ReadmissionRiskFactors"/>); the
/// only other randomness is the draw itself. docs/synthetic-hospital.md gives the equations.
/// </summary>
public static class OutcomeModel
{
    /// <summary>Intercept of the in-hospital mortality logit.</summary>
    public const double MortalityIntercept = -4.1;

    /// <summary>Intercept of the 30-day readmission logit.</summary>
    public const double ReadmissionIntercept = -2.6;

    /// <summary>Median of a survivor's stay beyond its first 24 hours, in hours, before adjustments.</summary>
    public const double SurvivorExcessHoursMedian = 60;

    /// <summary>Log-scale spread of a survivor's stay beyond 24 hours.</summary>
    public const double SurvivorLogSd = 0.55;

    /// <summary>Deaths happen at 48 h + LogNormal(median <see cref="DeathExcessHoursMedian"/> h, σ <see cref="DeathLogSd"/>).</summary>
    public const double DeathExcessHoursMedian = 96;

    public const double DeathLogSd = 0.8;

    /// <summary>Earliest in-hospital death, hours after admission: no death falls inside a 48-hour observation window.</summary>
    public const double EarliestDeathHours = 48;

    /// <summary>Every stay lasts at least this many hours.</summary>
    public const double ShortestStayHours = 24;

    /// <summary>The acute-physiology part of the mortality logit: hinge terms on first-24-hour extremes.</summary>
    public static double PhysiologyScore(AdmissionRiskFactors x)
    {
        ArgumentNullException.ThrowIfNull(x);
        double score = 0;
        score += 0.035 * Hinge(100 - x.SystolicMin);
        score += 0.025 * Hinge(x.HeartRateMax - 100);
        score += 0.15 * Hinge(92 - x.OxygenSaturationMin);
        score += 0.10 * Hinge(x.RespiratoryRateMax - 22);
        score += 0.60 * Hinge(36.0 - x.TemperatureMin);
        score += 0.40 * Hinge(x.LactateMax - 2.0);
        score += 0.30 * Hinge(Math.Min(x.CreatinineMax ?? 0, 6.0) - 1.5);
        score += 0.05 * Hinge(x.WhiteCellsMax - 12);
        score += x.WhiteCellsMin is < 4 ? 0.5 : 0;
        score += 0.08 * Hinge(133 - x.SodiumMin);
        score += 0.08 * Hinge(x.SodiumMax - 147);
        return score;
    }

    /// <summary>Logit of P(in-hospital death | first 24 h).</summary>
    public static double MortalityLogit(AdmissionRiskFactors x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var c = x.Conditions;
        double logit = MortalityIntercept;
        logit += 0.04 * (x.Age - 65);
        logit += Has(c, ChronicCondition.HeartFailure) * 0.45;
        logit += Has(c, ChronicCondition.Copd) * 0.35;
        logit += Has(c, ChronicCondition.ChronicKidneyDisease) * 0.40;
        logit += Has(c, ChronicCondition.Cancer) * 1.00;
        logit += Has(c, ChronicCondition.Dementia) * 0.55;
        logit += Has(c, ChronicCondition.Cirrhosis) * 0.80;
        logit += Has(c, ChronicCondition.Diabetes) * 0.15;
        logit += ReasonCatalog.Get(x.Reason).MortalityEffect;
        logit += PhysiologyScore(x);
        logit += x.Intubated ? 0.6 : 0;
        logit += 0.2 * Math.Min(x.PriorAdmissions365, 3);
        return logit;
    }

    public static double MortalityProbability(AdmissionRiskFactors x) => Sampling.Logistic(MortalityLogit(x));

    /// <summary>μ of a survivor's log excess stay: LOS = 24 h + exp(μ + σZ) hours.</summary>
    public static double SurvivorLogExcessHours(AdmissionRiskFactors x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var c = x.Conditions;
        int burden = Has(c, ChronicCondition.HeartFailure) + Has(c, ChronicCondition.Copd) + Has(c, ChronicCondition.ChronicKidneyDisease)
            + Has(c, ChronicCondition.Cancer) + Has(c, ChronicCondition.Dementia) + Has(c, ChronicCondition.Cirrhosis) + Has(c, ChronicCondition.Diabetes);
        return Math.Log(SurvivorExcessHoursMedian)
            + (0.05 * (x.Age - 65) / 10.0)
            + ReasonCatalog.Get(x.Reason).LengthOfStayEffect
            + (0.12 * PhysiologyScore(x))
            + (x.Icu ? 0.25 : 0)
            + (x.Intubated ? 0.5 : 0)
            + (0.06 * burden);
    }

    /// <summary>P(a survivor is still in hospital at <paramref name="hours"/> after admission).</summary>
    public static double SurvivorStillAdmitted(AdmissionRiskFactors x, double hours) =>
        hours <= ShortestStayHours ? 1 : 1 - NormalDistribution.Cdf((Math.Log(hours - ShortestStayHours) - SurvivorLogExcessHours(x)) / SurvivorLogSd);

    /// <summary>P(a patient who dies is still alive in hospital at <paramref name="hours"/>).</summary>
    public static double DeathNotYet(double hours) =>
        hours <= EarliestDeathHours ? 1 : 1 - NormalDistribution.Cdf((Math.Log(hours - EarliestDeathHours) - Math.Log(DeathExcessHoursMedian)) / DeathLogSd);

    /// <summary>P(in-hospital death | first 24 h, stay lasts at least 48 h).</summary>
    public static double MortalityProbabilityGiven48h(AdmissionRiskFactors x)
    {
        double p = MortalityProbability(x);
        return p / (p + ((1 - p) * SurvivorStillAdmitted(x, 48)));
    }

    /// <summary>E[length of stay in days | first 24 h].</summary>
    public static double ExpectedLengthOfStayDays(AdmissionRiskFactors x)
    {
        double p = MortalityProbability(x);
        double survivorHours = ShortestStayHours + Math.Exp(SurvivorLogExcessHours(x) + (SurvivorLogSd * SurvivorLogSd / 2));
        double deathHours = EarliestDeathHours + (DeathExcessHoursMedian * Math.Exp(DeathLogSd * DeathLogSd / 2));
        return ((p * deathHours) + ((1 - p) * survivorHours)) / 24.0;
    }

    /// <summary>P(length of stay &gt; 7 days | first 24 h).</summary>
    public static double LongStayProbability(AdmissionRiskFactors x)
    {
        double p = MortalityProbability(x);
        return (p * DeathNotYet(168)) + ((1 - p) * SurvivorStillAdmitted(x, 168));
    }

    /// <summary>Logit of P(next admission within 30 days of discharge | discharge).</summary>
    public static double ReadmissionLogit(ReadmissionRiskFactors x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var c = x.Conditions;
        double logit = ReadmissionIntercept;
        logit += 0.008 * (x.Age - 65);
        logit += Has(c, ChronicCondition.HeartFailure) * 0.35;
        logit += Has(c, ChronicCondition.Copd) * 0.30;
        logit += Has(c, ChronicCondition.ChronicKidneyDisease) * 0.30;
        logit += Has(c, ChronicCondition.Diabetes) * 0.25;
        logit += Has(c, ChronicCondition.Cancer) * 0.35;
        logit += Has(c, ChronicCondition.Cirrhosis) * 0.30;
        logit += 0.30 * Math.Min(x.PriorAdmissions365, 4);
        logit += ReasonCatalog.Get(x.Reason).ReadmissionEffect;
        logit += x.LastHemoglobin is < 10 ? 0.35 : 0;
        logit += x.LastSodium is < 135 ? 0.30 : 0;
        logit += x.LastCreatinine is > 2 ? 0.25 : 0;
        logit += 0.03 * Math.Min(x.LengthOfStayDays, 20);
        logit += x.DischargedToFacility ? 0.25 : 0;
        logit += x.Medicaid ? 0.15 : 0;
        return logit;
    }

    public static double ReadmissionProbability(ReadmissionRiskFactors x) => Sampling.Logistic(ReadmissionLogit(x));

    private static double Hinge(double? value) => value is > 0 ? value.Value : 0;

    private static int Has(ChronicCondition conditions, ChronicCondition condition) => (conditions & condition) != 0 ? 1 : 0;
}
