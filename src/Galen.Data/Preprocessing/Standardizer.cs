using Galen.Core.Learning;

namespace Galen.Data.Preprocessing;

/// <summary>
/// Centres and scales numeric columns to mean 0 and standard deviation 1 using the training
/// rows' mean and population standard deviation (ddof 0; a constant column is only centred).
/// Missing values stay missing. Binary and categorical columns are left alone unless
/// <paramref name="numericOnly"/> is false. Matches scikit-learn's <c>StandardScaler</c>.
/// </summary>
public sealed class Standardizer(bool numericOnly = true) : IFeaturizer
{
    public IFittedFeaturizer Fit(FeatureMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var mean = new double[train.Columns];
        var scale = new double[train.Columns];
        for (int c = 0; c < train.Columns; c++)
        {
            if (numericOnly && train.Features[c].Kind != FeatureKind.Numeric)
            {
                scale[c] = 1;
                continue;
            }

            var observed = ColumnStatistics.Observed(train, c);
            mean[c] = observed.Count == 0 ? 0 : ColumnStatistics.Mean(observed);
            double sd = observed.Count == 0 ? 0 : Math.Sqrt(ColumnStatistics.Variance(observed));
            scale[c] = sd > 0 ? sd : 1;
        }

        return new Fitted(train.Features, mean, scale);
    }

    private sealed class Fitted(IReadOnlyList<FeatureSpec> inputs, double[] mean, double[] scale) : IFittedFeaturizer
    {
        public IReadOnlyList<FeatureSpec> OutputFeatures => inputs;

        public FeatureMatrix Transform(FeatureMatrix rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            FeatureShape.Check(rows, inputs);
            var output = rows.ToArray();
            for (int i = 0; i < output.Length; i++)
            {
                int c = i % inputs.Count;
                output[i] = (float)((output[i] - mean[c]) / scale[c]);
            }

            return new FeatureMatrix(inputs, output);
        }
    }
}
