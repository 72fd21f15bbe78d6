using Galen.Core.Learning;

namespace Galen.Data.Preprocessing;

/// <summary>
/// Re-codes each categorical column to dense indexes 0 … K−1 over the levels seen in the
/// training rows (in ascending order); a level not seen in training becomes K ("unseen"), a
/// missing value stays missing. Other columns pass through.
/// </summary>
public sealed class LabelEncoder : IFeaturizer
{
    public IFittedFeaturizer Fit(FeatureMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var maps = new Dictionary<float, int>?[train.Columns];
        for (int c = 0; c < train.Columns; c++)
        {
            if (train.Features[c].Kind == FeatureKind.Categorical)
            {
                maps[c] = ColumnStatistics.Observed(train, c).Distinct().Order().Select((v, i) => ((float)v, i)).ToDictionary(p => p.Item1, p => p.i);
            }
        }

        return new Fitted(train.Features, maps);
    }

    private sealed class Fitted(IReadOnlyList<FeatureSpec> inputs, Dictionary<float, int>?[] maps) : IFittedFeaturizer
    {
        public IReadOnlyList<FeatureSpec> OutputFeatures => inputs;

        public FeatureMatrix Transform(FeatureMatrix rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            FeatureShape.Check(rows, inputs);
            var output = rows.ToArray();
            for (int i = 0; i < output.Length; i++)
            {
                if (maps[i % inputs.Count] is { } map && !float.IsNaN(output[i]))
                {
                    output[i] = map.TryGetValue(output[i], out int index) ? index : map.Count;
                }
            }

            return new FeatureMatrix(inputs, output);
        }
    }
}
