using System.Text.Json;
using Galen.Core.Learning;
using Galen.Data.Preprocessing;

namespace Galen.Data.Tests.Preprocessing;

/// <summary>
/// Imputers and the scaler against scikit-learn 1.2.1 on the same data, fitted on the same train
/// rows (golden values from bench/peers/preprocessing_golden.py).
/// </summary>
public sealed class SklearnGoldenTests
{
    private static readonly JsonElement Golden = JsonDocument.Parse(File.ReadAllText(TestData.Fixture("preprocessing-golden.json"))).RootElement;

    private static FeatureMatrix Matrix(string name)
    {
        var rows = Golden.GetProperty(name).EnumerateArray().Select(Row).ToArray();
        var features = Enumerable.Range(0, rows[0].Length).Select(c => new FeatureSpec($"x{c}", $"x{c}")).ToArray();
        return new FeatureMatrix(features, rows.SelectMany(r => r).ToArray());
    }

    private static float[] Row(JsonElement row) => row.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? float.NaN : (float)v.GetDouble()).ToArray();

    private static void AssertMatches(string golden, IFeaturizer featurizer, double relative = 1e-5)
    {
        var train = Matrix("train");
        var test = Matrix("test");
        var fitted = featurizer.Fit(train);
        foreach (var (part, rows) in new[] { ("train", train), ("test", test) })
        {
            var expected = Golden.GetProperty(golden).GetProperty(part).EnumerateArray().Select(Row).ToArray();
            var actual = fitted.Transform(rows);
            Assert.Equal(expected[0].Length, actual.Columns);
            for (int r = 0; r < expected.Length; r++)
            {
                for (int c = 0; c < expected[r].Length; c++)
                {
                    double e = expected[r][c], a = actual[r, c];
                    Assert.True(double.IsNaN(e) ? double.IsNaN(a) : Math.Abs(a - e) <= (relative * Math.Max(1, Math.Abs(e))) + 1e-5,
                        $"{golden} {part}[{r},{c}]: expected {e}, got {a}");
                }
            }
        }
    }

    [Fact]
    public void Mean_imputation_with_missingness_indicators_matches_scikit_learn() =>
        AssertMatches("mean_with_indicators", new SimpleImputer(ImputationStrategy.Mean, addIndicators: true));

    [Fact]
    public void Median_imputation_matches_scikit_learn() =>
        AssertMatches("median", new SimpleImputer(ImputationStrategy.Median, addIndicators: false));

    [Fact]
    public void Most_frequent_imputation_matches_scikit_learn() =>
        AssertMatches("most_frequent", new SimpleImputer(ImputationStrategy.MostFrequent, addIndicators: false));

    [Fact]
    public void Standardisation_matches_scikit_learn_standard_scaler() =>
        AssertMatches("standard_scaler", new Standardizer());

    [Fact]
    public void Nearest_neighbour_imputation_matches_scikit_learn_knn_imputer() =>
        AssertMatches("knn_3", new KnnImputer(neighbours: 3));

    [Fact]
    public void Iterative_ridge_imputation_matches_scikit_learn_iterative_imputer() =>
        AssertMatches("iterative_ridge", new IterativeImputer(maxIterations: 10, tolerance: 1e-3, ridgeAlpha: 1.0), relative: 1e-4);

    [Fact]
    public void Outlier_bounds_are_numpy_linear_quantiles_of_the_training_rows()
    {
        var train = Matrix("train");
        var clipper = new OutlierClipper(0.05, 0.95).Fit(train);
        var quantiles = Golden.GetProperty("quantiles_0.05_0.95").EnumerateArray().Select(Row).ToArray();
        var extreme = new FeatureMatrix(train.Features, [-1e6f, -1e6f, -1e6f, -1e6f, -1e6f, 1e6f, 1e6f, 1e6f, 1e6f, 1e6f]);

        var clipped = clipper.Transform(extreme);

        for (int c = 0; c < 5; c++)
        {
            Assert.Equal(quantiles[0][c], clipped[0, c], 3);
            Assert.Equal(quantiles[1][c], clipped[1, c], 3);
        }
    }
}
