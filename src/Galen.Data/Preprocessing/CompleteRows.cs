using Galen.Core.Learning;

namespace Galen.Data.Preprocessing;

/// <summary>
/// The "drop" strategy for rows: keeps only samples with no missing feature. Decided row by row
/// from the row alone, so it needs no fitting and cannot leak; apply it to each split.
/// </summary>
public static class CompleteRows
{
    /// <summary>Indexes of the rows with every feature present.</summary>
    public static int[] Of(FeatureMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var rows = new List<int>();
        for (int r = 0; r < matrix.Rows; r++)
        {
            bool complete = true;
            foreach (float v in matrix.Row(r))
            {
                complete &= !float.IsNaN(v);
            }

            if (complete)
            {
                rows.Add(r);
            }
        }

        return [.. rows];
    }

    /// <summary>The complete samples of a set.</summary>
    public static LabelledSet<FeatureMatrix> Select(LabelledSet<FeatureMatrix> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Select(Of(set.Inputs));
    }
}
