namespace Galen.Data.Synthetic.Generation;

/// <summary>
/// The 2021 CKD-EPI creatinine equation (race-free; Inker et al., NEJM 2021):
/// eGFR = 142 · min(Scr/κ, 1)^α · max(Scr/κ, 1)^−1.200 · 0.9938^age · (1.012 if female),
/// κ = 0.7 (F) / 0.9 (M), α = −0.241 (F) / −0.302 (M).
/// </summary>
public static class CkdEpi
{
    /// <summary>eGFR in mL/min/1.73 m² from serum creatinine in mg/dL.</summary>
    public static double Egfr(double creatinine, double age, bool female)
    {
        double kappa = female ? 0.7 : 0.9;
        double alpha = female ? -0.241 : -0.302;
        double ratio = creatinine / kappa;
        double egfr = 142 * Math.Pow(Math.Min(ratio, 1), alpha) * Math.Pow(Math.Max(ratio, 1), -1.200) * Math.Pow(0.9938, age);
        return female ? egfr * 1.012 : egfr;
    }

    /// <summary>The creatinine (mg/dL) that gives <paramref name="egfr"/>: the inverse of <see cref="Egfr"/>.</summary>
    public static double Creatinine(double egfr, double age, bool female)
    {
        double kappa = female ? 0.7 : 0.9;
        double alpha = female ? -0.241 : -0.302;
        double atKappa = Egfr(kappa, age, female);
        double relative = egfr / atKappa;
        double ratio = relative >= 1 ? Math.Pow(relative, 1 / alpha) : Math.Pow(relative, 1 / -1.200);
        return ratio * kappa;
    }
}
