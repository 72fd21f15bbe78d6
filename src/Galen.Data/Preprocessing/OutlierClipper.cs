using Galen.Core.Learning;

namespace Galen.Data.Preprocessing;

/// <summary>
/// Clips numeric columns to their training quantiles (default the 0.5th and 99.5th percentile,
/// linear interpolation as NumPy), so a single impossible lab value cannot dominate a model.
/// Missing values stay missing; binary and categorical columns are left alone.
/// </summary>
public sealed class OutlierClipper(double lowerQuantile = 0.005, double upperQuantile = 0.995) : IFeaturizer
{
    public double LowerQuantile { get; } = lowerQuantile is >= 0 and < 1 ? lowerQuantile : throw new ArgumentOutOfRangeException(nameof(lowerQuantile));

    public double UpperQuantile { get; } = upperQuantile > lowerQuantile && upperQuantile <= 1 ? upperQuantile : throw new ArgumentOutOfRangeException(nameof(upperQuantile));

    public IFittedFeaturizer Fit(FeatureMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var low = new float[train.Columns];
        var high = new float[train.Columns];
        for (int c = 0; c < train.Columns; c++)
        {
            var observed = train.Features[c].Kind == FeatureKind.Numeric ? ColumnStatistics.Observed(train, c) : [];
            low[c] = observed.Count == 0 ? float.NegativeInfinity : (float)ColumnStatistics.Quantile(observed, LowerQuantile);
            high[c] = observed.Count == 0 ? float.PositiveInfinity : (float)ColumnStatistics.Quantile(observed, UpperQuantile);
        }

        return new Fitted(train.Features, low, high);
    }

    private sealed class Fitted(IReadOnlyList<FeatureSpec> inputs, float[] low, float[] high) : IFittedFeaturizer
    {
        public IReadOnlyList<FeatureSpec> OutputFeatures => inputs;

        /// <summary>Lower and upper bound of each column.</summary>
        public (IReadOnlyList<float> Low, IReadOnlyList<float> High) Bounds => (low, high);

        public FeatureMatrix Transform(FeatureMatrix rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            FeatureShape.Check(rows, inputs);
            var output = rows.ToArray();
            for (int i = 0; i < output.Length; i++)
            {
                int c = i % inputs.Count;
                if (!float.IsNaN(output[i]))
                {
                    output[i] = Math.Clamp(output[i], low[c], high[c]);
                }
            }

            return new FeatureMatrix(inputs, output);
        }
    }
}
