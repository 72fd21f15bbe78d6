namespace Galen.Data.Synthetic.Generation;

/// <summary>
/// The distributions the generative model draws from, on top of <see cref="Random"/>. Every
/// draw goes through one patient's own stream, so patients can be generated in any order.
/// </summary>
internal static class Sampling
{
    /// <summary>Standard normal draw (Box–Muller; one of the pair is discarded for simplicity).</summary>
    public static double Normal(this Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static double Normal(this Random rng, double mean, double sd) => mean + (sd * rng.Normal());

    /// <summary>exp(N(log median, sigma²)).</summary>
    public static double LogNormal(this Random rng, double median, double sigma) => median * Math.Exp(sigma * rng.Normal());

    public static double Exponential(this Random rng, double mean) => -mean * Math.Log(1.0 - rng.NextDouble());

    public static double Uniform(this Random rng, double low, double high) => low + ((high - low) * rng.NextDouble());

    public static bool Chance(this Random rng, double probability) => rng.NextDouble() < probability;

    /// <summary>Poisson draw by inversion; fine for the small means used here.</summary>
    public static int Poisson(this Random rng, double mean)
    {
        double limit = Math.Exp(-mean);
        double product = rng.NextDouble();
        int count = 0;
        while (product > limit)
        {
            product *= rng.NextDouble();
            count++;
        }

        return count;
    }

    /// <summary>Index drawn with probability proportional to <paramref name="weights"/>.</summary>
    public static int Categorical(this Random rng, ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }

        double target = rng.NextDouble() * total;
        double cumulative = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i];
            if (target < cumulative && weights[i] > 0)
            {
                return i;
            }
        }

        for (int i = weights.Length - 1; i >= 0; i--)
        {
            if (weights[i] > 0)
            {
                return i;
            }
        }

        throw new ArgumentException("At least one weight must be positive.", nameof(weights));
    }

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    public static double Logistic(double logit) => 1.0 / (1.0 + Math.Exp(-logit));

    /// <summary>Rounds to the number of decimals a value is written with, so risks computed
    /// from the value equal risks computed from the file.</summary>
    public static double Quantize(double value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
