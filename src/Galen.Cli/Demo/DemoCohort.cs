using Galen.Core.Randomness;

namespace Galen.Cli.Demo;

/// <summary>
/// A small cohort drawn from a known logistic risk model with one interaction, so the best
/// achievable AUROC is known. Rows are patients; features are standardised risk factors.
/// </summary>
/// <param name="Features">Row-major, <see cref="Columns"/> values per patient.</param>
/// <param name="Outcomes">The drawn outcome per patient.</param>
/// <param name="TrueRisks">The generator's probability of the outcome per patient.</param>
internal sealed record DemoCohort(float[] Features, IReadOnlyList<bool> Outcomes, IReadOnlyList<double> TrueRisks)
{
    public const int Columns = 8;

    private static readonly double[] Weights = [1.2, -0.8, 0.6, 0.0, 0.4, 0.0, -0.3, 0.9];

    public static DemoCohort Generate(int patients, int seed)
    {
        var rng = Seeds.Stream(seed, "demo.cohort");
        var features = new float[patients * Columns];
        var outcomes = new bool[patients];
        var risks = new double[patients];
        for (int p = 0; p < patients; p++)
        {
            double logit = -1.5;
            for (int c = 0; c < Columns; c++)
            {
                double x = Gaussian(rng);
                features[(p * Columns) + c] = (float)x;
                logit += Weights[c] * x;
            }

            logit += 0.8 * features[p * Columns] * features[(p * Columns) + 1];
            risks[p] = 1 / (1 + Math.Exp(-logit));
            outcomes[p] = rng.NextDouble() < risks[p];
        }

        return new DemoCohort(features, outcomes, risks);
    }

    /// <summary>Random patient-level split; the first part gets <paramref name="fraction"/> of patients.</summary>
    public (DemoCohort First, DemoCohort Second) Split(double fraction, int seed)
    {
        int n = Outcomes.Count;
        var order = Enumerable.Range(0, n).ToArray();
        Seeds.Stream(seed, "demo.split").Shuffle(order);
        int cut = (int)(n * fraction);
        return (Take(order[..cut]), Take(order[cut..]));
    }

    private DemoCohort Take(int[] rows)
    {
        var features = new float[rows.Length * Columns];
        for (int i = 0; i < rows.Length; i++)
        {
            Array.Copy(Features, rows[i] * Columns, features, i * Columns, Columns);
        }

        return new DemoCohort(features, rows.Select(r => Outcomes[r]).ToArray(), rows.Select(r => TrueRisks[r]).ToArray());
    }

    private static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
