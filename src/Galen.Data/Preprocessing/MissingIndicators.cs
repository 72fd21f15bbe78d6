using Galen.Core.Learning;

namespace Galen.Data.Preprocessing;

/// <summary>
/// Missingness indicator columns: one "name_missing" 0/1 column for every input column that had
/// a missing value in the training rows (scikit-learn's <c>features="missing-only"</c>), appended
/// after the imputed columns.
/// </summary>
internal sealed class MissingIndicators
{
    private MissingIndicators(int[] columns, IReadOnlyList<FeatureSpec> specs)
    {
        Columns = columns;
        Specs = specs;
    }

    public int[] Columns { get; }

    public IReadOnlyList<FeatureSpec> Specs { get; }

    public static MissingIndicators Fit(FeatureMatrix train, bool enabled)
    {
        if (!enabled)
        {
            return new MissingIndicators([], []);
        }

        var columns = new List<int>();
        for (int c = 0; c < train.Columns; c++)
        {
            for (int r = 0; r < train.Rows; r++)
            {
                if (float.IsNaN(train[r, c]))
                {
                    columns.Add(c);
                    break;
                }
            }
        }

        var specs = columns.Select(c => new FeatureSpec(train.Features[c].Name + "_missing", train.Features[c].DisplayName + " missing", FeatureKind.Binary)).ToArray();
        return new MissingIndicators([.. columns], specs);
    }

    /// <summary>Writes the indicators of the rows' original values at column <paramref name="offset"/> of each output row.</summary>
    public void Write(FeatureMatrix rows, float[] output, int outputWidth, int offset)
    {
        for (int r = 0; r < rows.Rows; r++)
        {
            for (int i = 0; i < Columns.Length; i++)
            {
                output[(r * outputWidth) + offset + i] = float.IsNaN(rows[r, Columns[i]]) ? 1f : 0f;
            }
        }
    }
}
