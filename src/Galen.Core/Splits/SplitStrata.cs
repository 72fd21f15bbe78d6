using Galen.Core.Learning;

namespace Galen.Core.Splits;

/// <summary>
/// Stratum numbers for stratified splitting, one per sample, derived from the targets:
/// binary → the label (0/1); multiclass → the class index; regression → the quartile of the
/// target (0–3); multi-label → 1 + the rank of the rarest label present, labels ranked from the
/// most frequent to the rarest (0 when no label is present), so rare labels reach every part.
/// A patient's stratum is the largest stratum among their samples, so a patient with any positive
/// sample counts as positive, and a patient's rarest label decides for multi-label targets.
/// </summary>
public static class SplitStrata
{
    public static int[] FromTargets(TargetMatrix targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var strata = new int[targets.Rows];
        switch (targets.Schema.Kind)
        {
            case LabelKind.Binary:
            case LabelKind.Multiclass:
                for (int i = 0; i < strata.Length; i++)
                {
                    strata[i] = (int)MathF.Round(targets.Row(i)[0]);
                }

                break;
            case LabelKind.Regression:
                var sorted = targets.Values.ToArray();
                Array.Sort(sorted);
                if (sorted.Length > 0)
                {
                    float q1 = sorted[sorted.Length / 4], q2 = sorted[sorted.Length / 2], q3 = sorted[3 * sorted.Length / 4];
                    for (int i = 0; i < strata.Length; i++)
                    {
                        float y = targets.Row(i)[0];
                        strata[i] = y < q1 ? 0 : y < q2 ? 1 : y < q3 ? 2 : 3;
                    }
                }

                break;
            case LabelKind.MultiLabel:
                MultiLabel(targets, strata);
                break;
            default:
                break;
        }

        return strata;
    }

    private static void MultiLabel(TargetMatrix targets, int[] strata)
    {
        var frequency = new long[targets.Width];
        for (int i = 0; i < targets.Rows; i++)
        {
            var row = targets.Row(i);
            for (int k = 0; k < row.Length; k++)
            {
                frequency[k] += row[k] >= 0.5f ? 1 : 0;
            }
        }

        // Rank 1 for the most frequent label, Width for the rarest (ties by label order).
        var rank = new int[targets.Width];
        var order = Enumerable.Range(0, targets.Width).OrderByDescending(k => frequency[k]).ThenBy(k => k).ToArray();
        for (int r = 0; r < order.Length; r++)
        {
            rank[order[r]] = r + 1;
        }

        for (int i = 0; i < strata.Length; i++)
        {
            var row = targets.Row(i);
            for (int k = 0; k < row.Length; k++)
            {
                if (row[k] >= 0.5f)
                {
                    strata[i] = Math.Max(strata[i], rank[k]);
                }
            }
        }
    }
}
