using Galen.Core.Learning;
using Galen.Core.Randomness;

namespace Galen.Core.Splits;

/// <summary>
/// Splits samples by patient: every sample of a patient lands in the same part, so no patient is
/// ever on both sides. Optionally stratified (each part gets the same share of every stratum,
/// counted in patients). Seeded: the same samples and seed give the same split, whatever order
/// the samples come in. Generic over any <see cref="LabelledSet{TInputs}"/>, so tabular,
/// sequence, text and image models split the same way.
/// </summary>
public static class PatientSplits
{
    /// <summary>A train / validation / test split of a labelled set, stratified by its targets when asked.</summary>
    public static HoldOutSplit HoldOut<T>(LabelledSet<T> set, HoldOutFractions fractions, int seed, bool stratify = true)
        where T : IInputs<T>
    {
        ArgumentNullException.ThrowIfNull(set);
        return HoldOut(set.Samples, fractions, seed, stratify ? SplitStrata.FromTargets(set.Targets) : null);
    }

    /// <summary>A train / validation / test split of samples, stratified by <paramref name="strata"/> when given.</summary>
    public static HoldOutSplit HoldOut(IReadOnlyList<SampleInfo> samples, HoldOutFractions fractions, int seed, IReadOnlyList<int>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(fractions);
        var patients = GroupPatients(samples, strata);
        var rng = Seeds.Stream(seed, "splits.hold-out");
        var part = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stratum in patients.ByStratum)
        {
            var keys = stratum.ToArray();
            rng.Shuffle(keys);
            int n = keys.Length;
            int trainEnd = (int)Math.Round(n * fractions.Train, MidpointRounding.AwayFromZero);
            int validationEnd = (int)Math.Round(n * (fractions.Train + fractions.Validation), MidpointRounding.AwayFromZero);
            for (int i = 0; i < n; i++)
            {
                part[keys[i]] = i < Math.Max(trainEnd, 1) ? 0 : i < validationEnd ? 1 : 2;
            }
        }

        var train = new List<int>();
        var validation = new List<int>();
        var test = new List<int>();
        for (int row = 0; row < samples.Count; row++)
        {
            (part[samples[row].PatientKey] switch { 0 => train, 1 => validation, _ => test }).Add(row);
        }

        return new HoldOutSplit(train, validation, test);
    }

    /// <summary>K folds of a labelled set, stratified by its targets when asked.</summary>
    public static IReadOnlyList<Fold> KFold<T>(LabelledSet<T> set, int folds, int seed, bool stratify = true)
        where T : IInputs<T>
    {
        ArgumentNullException.ThrowIfNull(set);
        return KFold(set.Samples, folds, seed, stratify ? SplitStrata.FromTargets(set.Targets) : null);
    }

    /// <summary>
    /// K folds of samples: patients are shuffled within each stratum and dealt to the folds in
    /// turn, so every fold gets about 1/K of each stratum's patients. Each patient is in exactly
    /// one test fold.
    /// </summary>
    public static IReadOnlyList<Fold> KFold(IReadOnlyList<SampleInfo> samples, int folds, int seed, IReadOnlyList<int>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var patients = GroupPatients(samples, strata);
        if (patients.Count < folds)
        {
            throw new ArgumentException($"{folds} folds need at least {folds} patients; the samples come from {patients.Count}.", nameof(folds));
        }

        var rng = Seeds.Stream(seed, "splits.k-fold");
        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        int next = 0;
        foreach (var stratum in patients.ByStratum)
        {
            var keys = stratum.ToArray();
            rng.Shuffle(keys);
            foreach (var key in keys)
            {
                foldOf[key] = next;
                next = (next + 1) % folds;
            }
        }

        var result = new Fold[folds];
        for (int k = 0; k < folds; k++)
        {
            var train = new List<int>();
            var test = new List<int>();
            for (int row = 0; row < samples.Count; row++)
            {
                (foldOf[samples[row].PatientKey] == k ? test : train).Add(row);
            }

            result[k] = new Fold(k, train, test);
        }

        return result;
    }

    private static PatientGroups GroupPatients(IReadOnlyList<SampleInfo> samples, IReadOnlyList<int>? strata)
    {
        if (strata is not null && strata.Count != samples.Count)
        {
            throw new ArgumentException($"{strata.Count} strata for {samples.Count} samples.", nameof(strata));
        }

        var stratumOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int row = 0; row < samples.Count; row++)
        {
            string key = samples[row].PatientKey;
            int stratum = strata?[row] ?? 0;
            stratumOf[key] = stratumOf.TryGetValue(key, out int seen) ? Math.Max(seen, stratum) : stratum;
        }

        // Ordinal order first, so the split depends on which patients there are, not on sample order.
        var byStratum = stratumOf.GroupBy(pair => pair.Value)
            .OrderBy(group => group.Key)
            .Select(group => group.Select(pair => pair.Key).Order(StringComparer.Ordinal).ToArray())
            .ToArray();
        return new PatientGroups(stratumOf.Count, byStratum);
    }

    private sealed record PatientGroups(int Count, IReadOnlyList<string[]> ByStratum);
}
