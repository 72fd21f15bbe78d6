using Galen.Core.Learning;

namespace Galen.Data.Preprocessing;

/// <summary>Guards that a fitted transform is applied to rows with the columns it was fitted on.</summary>
internal static class FeatureShape
{
    public static void Check(FeatureMatrix rows, IReadOnlyList<FeatureSpec> expected)
    {
        if (rows.Columns != expected.Count)
        {
            throw new ArgumentException($"The transform was fitted on {expected.Count} columns; these rows have {rows.Columns}.", nameof(rows));
        }

        for (int c = 0; c < expected.Count; c++)
        {
            if (rows.Features[c].Name != expected[c].Name)
            {
                throw new ArgumentException($"Column {c} is '{rows.Features[c].Name}'; the transform was fitted on '{expected[c].Name}'.", nameof(rows));
            }
        }
    }
}
