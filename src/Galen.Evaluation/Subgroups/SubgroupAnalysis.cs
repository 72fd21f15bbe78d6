using Galen.Core.Learning;
using Galen.Evaluation.Metrics;

namespace Galen.Evaluation.Subgroups;

/// <summary>Binary-outcome performance by subgroup (sex, age band, ethnicity by default).</summary>
public static class SubgroupAnalysis
{
    /// <summary>The attributes analysed when none are named.</summary>
    public static readonly IReadOnlyList<string> DefaultAttributes =
        [SampleInfo.AttributeNames.Sex, SampleInfo.AttributeNames.AgeBand, SampleInfo.AttributeNames.Ethnicity];

    /// <summary>
    /// Computes per-subgroup results for each attribute present in the samples. Samples without
    /// the attribute are grouped as "(unknown)".
    /// </summary>
    public static SubgroupReport Compute(
        IReadOnlyList<bool> labels,
        IReadOnlyList<double> scores,
        IReadOnlyList<SampleInfo> samples,
        double threshold = 0.5,
        IReadOnlyList<string>? attributes = null,
        int minimumSize = 30)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(samples);
        attributes ??= DefaultAttributes;
        var groups = new List<SubgroupResult>();
        var gaps = new List<SubgroupGap>();
        int omitted = 0;
        foreach (string attribute in attributes)
        {
            if (!samples.Any(s => s.Attributes.ContainsKey(attribute)))
            {
                continue;
            }

            var byValue = Enumerable.Range(0, samples.Count)
                .GroupBy(i => samples[i].Attributes.TryGetValue(attribute, out var v) ? v : "(unknown)", StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            var rows = new List<SubgroupResult>();
            foreach (var group in byValue)
            {
                var members = group.ToArray();
                if (members.Length < minimumSize)
                {
                    omitted++;
                    continue;
                }

                var outcomes = new BinaryOutcomes(members.Select(i => labels[i]).ToArray(), members.Select(i => scores[i]).ToArray());
                var confusion = outcomes.Confusion(threshold);
                rows.Add(new SubgroupResult(
                    attribute,
                    group.Key,
                    members.Length,
                    outcomes.Positives / (double)members.Length,
                    outcomes.Auroc(),
                    confusion.Recall,
                    confusion.Specificity,
                    members.Average(i => scores[i]),
                    outcomes.Brier()));
            }

            groups.AddRange(rows);
            var comparable = rows.Where(r => !double.IsNaN(r.Auroc)).ToList();
            if (comparable.Count >= 2)
            {
                var best = comparable.MaxBy(r => r.Auroc)!;
                var worst = comparable.MinBy(r => r.Auroc)!;
                gaps.Add(new SubgroupGap(attribute, best.Value, worst.Value, best.Auroc - worst.Auroc));
            }
        }

        return new SubgroupReport(groups, gaps, gaps.MaxBy(g => g.Gap), threshold, minimumSize, omitted);
    }
}
