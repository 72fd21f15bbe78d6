using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Randomness;

namespace Galen.Core.Splits;

/// <summary>
/// Splits samples by patient: every sample of a patient lands in the same part, so no patient is
/// ever on both sides. Stratified (each part gets its share of every stratum) and balanced in
/// samples: within each stratum, patients are shuffled with the seed and dealt, largest first, to
/// the part furthest below its share of that stratum's samples. Seeded and order-independent:
/// the same samples and seed give the same split whatever order the samples come in. Generic over
/// any <see cref="LabelledSet{TInputs}"/>, so tabular, sequence, text and image models — and the
/// data layer, evaluation and training — all split the same way.
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

    /// <summary>
    /// A train / validation / test split of samples, stratified by <paramref name="strata"/> when
    /// given. Each part gets about its fraction of the samples (and so of the patients) of every
    /// stratum; the training part is never empty.
    /// </summary>
    public static HoldOutSplit HoldOut(IReadOnlyList<SampleInfo> samples, HoldOutFractions fractions, int seed, IReadOnlyList<int>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(fractions);
        var patients = GroupPatients(samples, strata);
        var partOf = Deal(patients, [fractions.Train, fractions.Validation, fractions.Test], Seeds.Stream(seed, "splits.hold-out"));
        var parts = new[] { new List<int>(), new List<int>(), new List<int>() };
        for (int row = 0; row < samples.Count; row++)
        {
            parts[partOf[samples[row].PatientKey]].Add(row);
        }

        return new HoldOutSplit(parts[0], parts[1], parts[2]);
    }

    /// <summary>K folds of a labelled set, stratified by its targets when asked.</summary>
    public static IReadOnlyList<Fold> KFold<T>(LabelledSet<T> set, int folds, int seed, bool stratify = true)
        where T : IInputs<T>
    {
        ArgumentNullException.ThrowIfNull(set);
        return KFold(set.Samples, folds, seed, stratify ? SplitStrata.FromTargets(set.Targets) : null);
    }

    /// <summary>
    /// K folds of samples: every patient is in exactly one test fold, and every fold holds about
    /// 1/K of each stratum's samples.
    /// </summary>
    public static IReadOnlyList<Fold> KFold(IReadOnlyList<SampleInfo> samples, int folds, int seed, IReadOnlyList<int>? strata = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (folds < 2)
        {
            throw new GalenConfigurationException($"k-fold needs at least 2 folds (got {folds}).");
        }

        var patients = GroupPatients(samples, strata);
        if (patients.Count < folds)
        {
            throw new GalenConfigurationException($"{folds} folds need at least {folds} patients; the samples come from {patients.Count}.", "Use fewer folds.");
        }

        var foldOf = Deal(patients, Enumerable.Repeat(1.0 / folds, folds).ToArray(), Seeds.Stream(seed, "splits.k-fold"));
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

    /// <summary>
    /// Assigns every patient a part. Strata in increasing order; within one, patients in key order
    /// are shuffled, then taken largest first (a stable sort, so the shuffle orders equals) and
    /// each given to the part with the lowest share of the stratum's samples so far relative to
    /// its fraction; ties go to the part lowest overall (samples, then patients, relative to its
    /// fraction), then to the first part. Parts with fraction 0 get nobody.
    /// </summary>
    private static Dictionary<string, int> Deal(PatientGroups patients, double[] shares, Random rng)
    {
        var partOf = new Dictionary<string, int>(patients.Count, StringComparer.Ordinal);
        var totalSamples = new double[shares.Length];
        var totalPatients = new double[shares.Length];
        foreach (var stratum in patients.ByStratum)
        {
            var keys = stratum.ToArray();
            rng.Shuffle(keys);
            var held = new double[shares.Length];
            foreach (var key in keys.OrderByDescending(k => patients.Samples[k]))
            {
                int best = -1;
                for (int part = 0; part < shares.Length; part++)
                {
                    if (shares[part] <= 0)
                    {
                        continue;
                    }

                    if (best < 0 || Lower(part, best))
                    {
                        best = part;
                    }
                }

                partOf[key] = best;
                int size = patients.Samples[key];
                held[best] += size;
                totalSamples[best] += size;
                totalPatients[best]++;

                bool Lower(int a, int b)
                {
                    int order = Compare(held[a] / shares[a], held[b] / shares[b]);
                    if (order == 0)
                    {
                        order = Compare(totalSamples[a] / shares[a], totalSamples[b] / shares[b]);
                    }

                    if (order == 0)
                    {
                        order = Compare(totalPatients[a] / shares[a], totalPatients[b] / shares[b]);
                    }

                    return order < 0;
                }
            }
        }

        return partOf;
    }

    private static int Compare(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a) + Math.Abs(b)) ? 0 : a < b ? -1 : 1;

    private static PatientGroups GroupPatients(IReadOnlyList<SampleInfo> samples, IReadOnlyList<int>? strata)
    {
        if (strata is not null && strata.Count != samples.Count)
        {
            throw new ArgumentException($"{strata.Count} strata for {samples.Count} samples.", nameof(strata));
        }

        var stratumOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int row = 0; row < samples.Count; row++)
        {
            string key = samples[row].PatientKey;
            int stratum = strata?[row] ?? 0;
            stratumOf[key] = stratumOf.TryGetValue(key, out int seen) ? Math.Max(seen, stratum) : stratum;
            sizes[key] = sizes.GetValueOrDefault(key) + 1;
        }

        // Ordinal order first, so the split depends on which patients there are, not on sample order.
        var byStratum = stratumOf.GroupBy(pair => pair.Value)
            .OrderBy(group => group.Key)
            .Select(group => group.Select(pair => pair.Key).Order(StringComparer.Ordinal).ToArray())
            .ToArray();
        return new PatientGroups(stratumOf.Count, byStratum, sizes);
    }

    private sealed record PatientGroups(int Count, IReadOnlyList<string[]> ByStratum, Dictionary<string, int> Samples);
}
