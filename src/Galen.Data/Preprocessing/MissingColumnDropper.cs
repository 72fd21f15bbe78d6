using Galen.Core.Learning;

namespace Galen.Data.Preprocessing;

/// <summary>
/// The "drop" strategy for columns: removes every column missing in more than
/// <see cref="MaxMissingFraction"/> of the training rows. (To drop incomplete rows instead, use
/// <see cref="CompleteRows"/>, which needs no fitting.)
/// </summary>
public sealed class MissingColumnDropper(double maxMissingFraction = 0.5) : IFeaturizer
{
    public double MaxMissingFraction { get; } = maxMissingFraction is >= 0 and <= 1 ? maxMissingFraction : throw new ArgumentOutOfRangeException(nameof(maxMissingFraction));

    public IFittedFeaturizer Fit(FeatureMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var kept = new List<int>();
        for (int c = 0; c < train.Columns; c++)
        {
            int missing = 0;
            for (int r = 0; r < train.Rows; r++)
            {
                if (float.IsNaN(train[r, c]))
                {
                    missing++;
                }
            }

            if (train.Rows == 0 || missing / (double)train.Rows <= MaxMissingFraction)
            {
                kept.Add(c);
            }
        }

        return new Fitted(train.Features, [.. kept]);
    }

    private sealed class Fitted(IReadOnlyList<FeatureSpec> inputs, int[] kept) : IFittedFeaturizer
    {
        public IReadOnlyList<FeatureSpec> OutputFeatures { get; } = kept.Select(c => inputs[c]).ToArray();

        public FeatureMatrix Transform(FeatureMatrix rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            FeatureShape.Check(rows, inputs);
            var output = new float[rows.Rows * kept.Length];
            for (int r = 0; r < rows.Rows; r++)
            {
                for (int i = 0; i < kept.Length; i++)
                {
                    output[(r * kept.Length) + i] = rows[r, kept[i]];
                }
            }

            return new FeatureMatrix(OutputFeatures, output);
        }
    }
}
