using Galen.Core.Learning;

namespace Galen.Deep.Tests.Fixtures;

/// <summary>Small tabular sets: XOR of two signs (no linear model ranks it above chance) and pure noise.</summary>
internal static class Tabular
{
    public static readonly FeatureSpec[] TwoFeatures = [new("a", "a"), new("b", "b")];

    public static readonly LabelSchema Outcome = LabelSchema.Binary("outcome", "xor of signs");

    public static LabelledSet<FeatureMatrix> Xor(int rows, int seed)
    {
        var rng = new Random(seed);
        var features = new float[rows * 2];
        var labels = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            float a = (float)((rng.NextDouble() * 2) - 1);
            float b = (float)((rng.NextDouble() * 2) - 1);
            features[2 * i] = a;
            features[(2 * i) + 1] = b;
            labels[i] = a * b > 0 ? 1f : 0f;
        }

        return new LabelledSet<FeatureMatrix>(new FeatureMatrix(TwoFeatures, features), new TargetMatrix(Outcome, labels), SyntheticVisits.Infos(rows));
    }

    /// <summary>Features and labels with no relation: anything learned is overfitting.</summary>
    public static LabelledSet<FeatureMatrix> Noise(int rows, int columns, int seed)
    {
        var rng = new Random(seed);
        var specs = Enumerable.Range(0, columns).Select(i => new FeatureSpec($"x{i}", $"x{i}")).ToArray();
        var features = new float[rows * columns];
        for (int i = 0; i < features.Length; i++)
        {
            features[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        var labels = Enumerable.Range(0, rows).Select(_ => rng.NextDouble() < 0.5 ? 1f : 0f).ToArray();
        return new LabelledSet<FeatureMatrix>(new FeatureMatrix(specs, features), new TargetMatrix(Outcome, labels), SyntheticVisits.Infos(rows));
    }
}
