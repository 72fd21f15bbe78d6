namespace Galen.Data.Synthetic.Generation;

/// <summary>The standard normal CDF, used to turn the length-of-stay model into probabilities.</summary>
public static class NormalDistribution
{
    /// <summary>P(Z ≤ z) for Z ~ N(0, 1), accurate to about 1e-15 (via the complementary error function).</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>
    /// Complementary error function: W. J. Cody's rational Chebyshev approximations
    /// (Math. Comp. 1969), relative error below 1e-15 over the real line.
    /// </summary>
    public static double Erfc(double x)
    {
        double ax = Math.Abs(x);
        double result;
        if (ax < 0.5)
        {
            double t = x * x;
            double top = (((0.185777706184603153 * t) + 3.16112374387056560) * t + 113.864154151050156) * t + 377.485237685302021;
            top = (top * t) + 3209.37758913846947;
            double bottom = (((t + 23.6012909523441209) * t + 244.024637934444173) * t + 1282.61652607737228) * t + 2844.23683343917062;
            return 1.0 - (x * top / bottom);
        }

        if (ax < 4.0)
        {
            double top = (2.15311535474403846e-8 * ax) + 5.64188496988670089e-1;
            top = (top * ax) + 8.88314979438837594;
            top = (top * ax) + 66.1191906371416295;
            top = (top * ax) + 298.635138197400131;
            top = (top * ax) + 881.952221241769090;
            top = (top * ax) + 1712.04761263407058;
            top = (top * ax) + 2051.07837782607147;
            top = (top * ax) + 1230.33935479799725;
            double bottom = (((((((ax + 15.7449261107098347) * ax + 117.693950891312499) * ax + 537.181101862009858) * ax + 1621.38957456669019) * ax + 3290.79923573345963) * ax + 4362.61909014324716) * ax + 3439.36767414372164) * ax + 1230.33935480374942;
            result = Math.Exp(-ax * ax) * top / bottom;
        }
        else
        {
            double z = 1.0 / (ax * ax);
            double top = ((((1.63153871373020978e-2 * z) + 3.05326634961232344e-1) * z + 3.60344899949804439e-1) * z + 1.25781726111229246e-1) * z + 1.60837851487422766e-2;
            top = (top * z) + 6.58749161529837803e-4;
            double bottom = ((((z + 2.56852019228982242) * z + 1.87295284992346725) * z + 5.27905102951428412e-1) * z + 6.05183413124413191e-2) * z + 2.33520497626869185e-3;
            double r = z * top / bottom;
            r = (1.0 / Math.Sqrt(Math.PI) - r) / ax;
            result = Math.Exp(-ax * ax) * r;
        }

        return x < 0 ? 2.0 - result : result;
    }
}
