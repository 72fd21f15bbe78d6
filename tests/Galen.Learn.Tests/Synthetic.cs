using Galen.Core.Learning;

namespace Galen.Learn.Tests;

/// <summary>Small generated data sets with known structure for trainer tests.</summary>
internal static class Synthetic
{
    private static readonly FeatureSpec[] Features =
    [
        new("age", "age", FeatureKind.Numeric, "years"),
        new("creatinine", "last creatinine", FeatureKind.Numeric, "mg/dL"),
        new("diabetes", "diabetes", FeatureKind.Binary),
        new("noise", "noise"),
    ];

    private static SampleInfo[] Samples(int n) =>
        Enumerable.Range(0, n).Select(i => new SampleInfo($"p{i / 2}", $"s{i}", null, new Dictionary<string, string> { ["sex"] = i % 3 == 0 ? "F" : "M" })).ToArray();

    private static float[] Inputs(int n, Random random, double missing = 0)
    {
        var values = new float[n * 4];
        for (int i = 0; i < n; i++)
        {
            values[i * 4] = (float)(40 + (random.NextDouble() * 50));
            values[(i * 4) + 1] = random.NextDouble() < missing ? float.NaN : (float)(0.5 + (random.NextDouble() * 2.5));
            values[(i * 4) + 2] = random.NextDouble() < 0.3 ? 1 : 0;
            values[(i * 4) + 3] = (float)random.NextDouble();
        }

        return values;
    }

    private static double Logit(float[] v, int i) =>
        -6 + (0.06 * v[i * 4]) + (1.2 * (float.IsNaN(v[(i * 4) + 1]) ? 1.5 : v[(i * 4) + 1])) + (0.8 * v[(i * 4) + 2]);

    public static LabelledSet<FeatureMatrix> Binary(int n, int seed, double missing = 0)
    {
        var random = new Random(seed);
        var values = Inputs(n, random, missing);
        var targets = Enumerable.Range(0, n).Select(i => random.NextDouble() < 1 / (1 + Math.Exp(-Logit(values, i))) ? 1f : 0f).ToArray();
        return new(new FeatureMatrix(Features, values), new TargetMatrix(LabelSchema.Binary("death", "death in hospital"), targets), Samples(n));
    }

    public static LabelledSet<FeatureMatrix> Multiclass(int n, int seed)
    {
        var random = new Random(seed);
        var values = Inputs(n, random);
        var targets = Enumerable.Range(0, n).Select(i =>
        {
            double z = Logit(values, i) + ((random.NextDouble() - 0.5) * 1.5);
            return z < -0.8 ? 0f : z < 0.8 ? 1f : 2f;
        }).ToArray();
        var schema = new LabelSchema("severity", LabelKind.Multiclass, ["mild", "moderate", "severe"], "severity");
        return new(new FeatureMatrix(Features, values), new TargetMatrix(schema, targets), Samples(n));
    }

    public static LabelledSet<FeatureMatrix> MultiLabel(int n, int seed)
    {
        var random = new Random(seed);
        var values = Inputs(n, random);
        var targets = new float[n * 3];
        for (int i = 0; i < n; i++)
        {
            targets[i * 3] = values[(i * 4) + 2];
            targets[(i * 3) + 1] = values[i * 4] > 65 ? 1 : 0;
            targets[(i * 3) + 2] = random.NextDouble() < 1 / (1 + Math.Exp(-Logit(values, i))) ? 1 : 0;
        }

        var schema = new LabelSchema("drugs", LabelKind.MultiLabel, ["metformin", "statin", "diuretic"], "drugs given");
        return new(new FeatureMatrix(Features, values), new TargetMatrix(schema, targets), Samples(n));
    }

    public static LabelledSet<FeatureMatrix> Regression(int n, int seed)
    {
        var random = new Random(seed);
        var values = Inputs(n, random);
        var targets = Enumerable.Range(0, n).Select(i => (float)(Logit(values, i) + ((random.NextDouble() - 0.5) * 0.5))).ToArray();
        return new(new FeatureMatrix(Features, values), new TargetMatrix(LabelSchema.Regression("score", "risk score"), targets), Samples(n));
    }
}
