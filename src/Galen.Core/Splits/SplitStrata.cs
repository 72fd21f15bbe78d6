using Galen.Core.Learning;

namespace Galen.Core.Splits;

/// <summary>
/// Stratum numbers for stratified splitting, one per sample, derived from the targets:
/// binary → the label (0/1); multiclass → the class index; regression → the quartile of the
/// target (0–3); multi-label → 0 for every sample (no stratification). A patient's stratum is
/// the largest stratum among their samples, so a patient with any positive sample counts as positive.
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
            default:
                break;
        }

        return strata;
    }
}
