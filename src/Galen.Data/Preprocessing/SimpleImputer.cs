using Galen.Core.Learning;

namespace Galen.Data.Preprocessing;

/// <summary>
/// Fills missing values column by column with a statistic of the training rows (mean, median,
/// most frequent) or a constant, optionally adding missingness indicators. Matches
/// scikit-learn's <c>SimpleImputer(add_indicator=…, keep_empty_features=True)</c>: a column
/// with no training value at all is filled with 0.
/// </summary>
public sealed class SimpleImputer(ImputationStrategy strategy = ImputationStrategy.Mean, bool addIndicators = true, float constant = 0) : IFeaturizer
{
    public ImputationStrategy Strategy { get; } = strategy;

    public bool AddIndicators { get; } = addIndicators;

    public IFittedFeaturizer Fit(FeatureMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var fill = new float[train.Columns];
        for (int c = 0; c < train.Columns; c++)
        {
            var observed = ColumnStatistics.Observed(train, c);
            double value = Strategy switch
            {
                ImputationStrategy.Mean => ColumnStatistics.Mean(observed),
                ImputationStrategy.Median => ColumnStatistics.Median(observed),
                ImputationStrategy.MostFrequent => ColumnStatistics.Mode(observed),
                _ => constant,
            };
            fill[c] = double.IsNaN(value) ? 0f : (float)value;
        }

        return new Fitted(train.Features, fill, MissingIndicators.Fit(train, AddIndicators));
    }

    private sealed class Fitted(IReadOnlyList<FeatureSpec> inputs, float[] fill, MissingIndicators indicators) : IFittedFeaturizer
    {
        public IReadOnlyList<FeatureSpec> OutputFeatures { get; } = [.. inputs, .. indicators.Specs];

        /// <summary>The value each column's gaps are filled with.</summary>
        public IReadOnlyList<float> FillValues => fill;

        public FeatureMatrix Transform(FeatureMatrix rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            FeatureShape.Check(rows, inputs);
            int width = OutputFeatures.Count;
            var output = new float[rows.Rows * width];
            for (int r = 0; r < rows.Rows; r++)
            {
                var row = rows.Row(r);
                for (int c = 0; c < row.Length; c++)
                {
                    output[(r * width) + c] = float.IsNaN(row[c]) ? fill[c] : row[c];
                }
            }

            indicators.Write(rows, output, width, inputs.Count);
            return new FeatureMatrix(OutputFeatures, output);
        }
    }
}
