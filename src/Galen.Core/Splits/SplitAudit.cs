using Galen.Core.Learning;

namespace Galen.Core.Splits;

/// <summary>Patients found in two parts of a split that must be disjoint.</summary>
/// <param name="First">Name of one part.</param>
/// <param name="Second">Name of the other part.</param>
/// <param name="PatientKeys">The pseudonymous keys of the patients in both.</param>
public sealed record PatientOverlap(string First, string Second, IReadOnlyList<string> PatientKeys);

/// <summary>What <see cref="SplitAudit"/> found.</summary>
/// <param name="Parts">Name and patient count of every part checked.</param>
/// <param name="Overlaps">Every pair of parts sharing patients; empty when the split is clean.</param>
public sealed record SplitAuditResult(IReadOnlyList<(string Name, int Patients)> Parts, IReadOnlyList<PatientOverlap> Overlaps)
{
    public bool Passed => Overlaps.Count == 0;
}

/// <summary>Proves that no patient crosses the parts of a split.</summary>
public static class SplitAudit
{
    /// <summary>Checks named parts, each given by its samples, pairwise for shared patients.</summary>
    public static SplitAuditResult Check(IReadOnlyList<(string Name, IReadOnlyList<SampleInfo> Samples)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var patientSets = parts.Select(p => (p.Name, Keys: p.Samples.Select(s => s.PatientKey).ToHashSet(StringComparer.Ordinal))).ToArray();
        var overlaps = new List<PatientOverlap>();
        for (int a = 0; a < patientSets.Length; a++)
        {
            for (int b = a + 1; b < patientSets.Length; b++)
            {
                var shared = patientSets[a].Keys.Where(patientSets[b].Keys.Contains).Order(StringComparer.Ordinal).ToArray();
                if (shared.Length > 0)
                {
                    overlaps.Add(new PatientOverlap(patientSets[a].Name, patientSets[b].Name, shared));
                }
            }
        }

        return new SplitAuditResult(patientSets.Select(p => (p.Name, p.Keys.Count)).ToArray(), overlaps);
    }

    /// <summary>Checks a hold-out split of <paramref name="samples"/>.</summary>
    public static SplitAuditResult Check(IReadOnlyList<SampleInfo> samples, HoldOutSplit split)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(split);
        return Check([
            ("train", Pick(samples, split.Train)),
            ("validation", Pick(samples, split.Validation)),
            ("test", Pick(samples, split.Test)),
        ]);
    }

    /// <summary>Checks every fold's train and test parts, and that each patient is tested in exactly one fold.</summary>
    public static SplitAuditResult Check(IReadOnlyList<SampleInfo> samples, IReadOnlyList<Fold> folds)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(folds);
        var overlaps = new List<PatientOverlap>();
        var parts = new List<(string, int)>();
        foreach (var fold in folds)
        {
            var result = Check([($"fold {fold.Index} train", Pick(samples, fold.Train)), ($"fold {fold.Index} test", Pick(samples, fold.Test))]);
            overlaps.AddRange(result.Overlaps);
            parts.AddRange(result.Parts);
        }

        var tests = Check(folds.Select(f => ($"fold {f.Index} test", Pick(samples, f.Test))).ToArray());
        overlaps.AddRange(tests.Overlaps);
        return new SplitAuditResult(parts, overlaps);
    }

    private static IReadOnlyList<SampleInfo> Pick(IReadOnlyList<SampleInfo> samples, IReadOnlyList<int> rows) =>
        rows.Select(r => samples[r]).ToArray();
}
