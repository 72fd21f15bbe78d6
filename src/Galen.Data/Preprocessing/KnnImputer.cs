using Galen.Core.Learning;

namespace Galen.Data.Preprocessing;

/// <summary>
/// Model-based imputation by nearest neighbours: a missing value is the mean of that column over
/// the <see cref="Neighbours"/> training rows nearest to the row, by the NaN-aware Euclidean
/// distance (over the columns both rows have, scaled up by total ÷ shared columns). A row with no
/// shared column with any donor gets the column's training mean. Matches scikit-learn's
/// <c>KNNImputer(weights="uniform")</c>. Only training rows are ever donors.
/// </summary>
public sealed class KnnImputer(int neighbours = 5, bool addIndicators = false) : IFeaturizer
{
    public int Neighbours { get; } = neighbours >= 1 ? neighbours : throw new ArgumentOutOfRangeException(nameof(neighbours));

    public IFittedFeaturizer Fit(FeatureMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var means = new double[train.Columns];
        for (int c = 0; c < train.Columns; c++)
        {
            means[c] = ColumnStatistics.Mean(ColumnStatistics.Observed(train, c));
        }

        return new Fitted(train.ToArray(), train.Features, means, Neighbours, MissingIndicators.Fit(train, addIndicators));
    }

    private sealed class Fitted(float[] donors, IReadOnlyList<FeatureSpec> inputs, double[] means, int k, MissingIndicators indicators) : IFittedFeaturizer
    {
        private readonly int _columns = inputs.Count;

        public IReadOnlyList<FeatureSpec> OutputFeatures { get; } = [.. inputs, .. indicators.Specs];

        public FeatureMatrix Transform(FeatureMatrix rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            FeatureShape.Check(rows, inputs);
            int width = OutputFeatures.Count;
            int donorCount = _columns == 0 ? 0 : donors.Length / _columns;
            var output = new float[rows.Rows * width];
            var distances = new double[donorCount];
            var candidates = new List<(double Distance, int Donor)>(donorCount);
            for (int r = 0; r < rows.Rows; r++)
            {
                var row = rows.Row(r);
                bool incomplete = false;
                for (int c = 0; c < _columns; c++)
                {
                    output[(r * width) + c] = row[c];
                    incomplete |= float.IsNaN(row[c]);
                }

                if (!incomplete)
                {
                    continue;
                }

                for (int d = 0; d < donorCount; d++)
                {
                    distances[d] = Distance(row, donors.AsSpan(d * _columns, _columns));
                }

                for (int c = 0; c < _columns; c++)
                {
                    if (!float.IsNaN(row[c]) || double.IsNaN(means[c]))
                    {
                        continue; // present, or no training value to impute from (kept missing)
                    }

                    candidates.Clear();
                    bool anyDefined = false;
                    for (int d = 0; d < donorCount; d++)
                    {
                        if (!float.IsNaN(donors[(d * _columns) + c]))
                        {
                            candidates.Add((double.IsNaN(distances[d]) ? double.PositiveInfinity : distances[d], d));
                            anyDefined |= !double.IsNaN(distances[d]);
                        }
                    }

                    if (!anyDefined)
                    {
                        output[(r * width) + c] = (float)means[c];
                        continue;
                    }

                    candidates.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Donor.CompareTo(b.Donor));
                    int take = Math.Min(k, candidates.Count);
                    double sum = 0;
                    for (int i = 0; i < take; i++)
                    {
                        sum += donors[(candidates[i].Donor * _columns) + c];
                    }

                    output[(r * width) + c] = (float)(sum / take);
                }
            }

            indicators.Write(rows, output, width, _columns);
            return new FeatureMatrix(OutputFeatures, output);
        }

        private double Distance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
        {
            double sum = 0;
            int shared = 0;
            for (int c = 0; c < a.Length; c++)
            {
                if (!float.IsNaN(a[c]) && !float.IsNaN(b[c]))
                {
                    double delta = (double)a[c] - b[c];
                    sum += delta * delta;
                    shared++;
                }
            }

            return shared == 0 ? double.NaN : Math.Sqrt(sum * a.Length / shared);
        }
    }
}
