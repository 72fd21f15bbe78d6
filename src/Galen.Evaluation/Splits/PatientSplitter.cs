using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Randomness;

namespace Galen.Evaluation.Splits;

/// <summary>
/// Hold-out and k-fold splits grouped by patient (<see cref="SampleInfo.PatientKey"/>) and
/// stratified by outcome: a patient's samples always land on one side, and each fold gets about
/// the same share of every outcome stratum. Works for any input type, as it reads only targets
/// and sample descriptions.
/// </summary>
public static class PatientSplitter
{
    /// <summary>
    /// K folds: every patient is in exactly one test fold. Patients are stratified by their
    /// outcome (binary: any positive; multiclass: most frequent class; multi-label: rarest label
    /// present; regression: quintile of the mean target), shuffled with the seed, and dealt
    /// largest first to the fold that holds fewest samples of their stratum.
    /// </summary>
    public static IReadOnlyList<Fold> KFold<TInputs>(LabelledSet<TInputs> data, int folds, int seed)
        where TInputs : IInputs<TInputs>
    {
        ArgumentNullException.ThrowIfNull(data);
        var patients = Patients(data);
        if (folds < 2)
        {
            throw new GalenConfigurationException($"k-fold needs at least 2 folds (got {folds}).");
        }

        if (patients.Count < folds)
        {
            throw new GalenConfigurationException($"{folds} folds need at least {folds} patients; the data has {patients.Count}.", "Use fewer folds.");
        }

        var assignment = Deal(patients, Enumerable.Repeat(1.0 / folds, folds).ToArray(), seed, "splits.kfold");
        return Enumerable.Range(0, folds).Select(f => MakeFold(f, assignment, patients, data.Count)).ToArray();
    }

    /// <summary>A single train/test split with about <paramref name="testFraction"/> of every stratum's samples in test.</summary>
    public static Fold HoldOut<TInputs>(LabelledSet<TInputs> data, double testFraction, int seed)
        where TInputs : IInputs<TInputs>
    {
        ArgumentNullException.ThrowIfNull(data);
        if (testFraction is <= 0 or >= 1)
        {
            throw new GalenConfigurationException($"The test fraction must lie strictly between 0 and 1 (got {testFraction}).");
        }

        var patients = Patients(data);
        if (patients.Count < 2)
        {
            throw new GalenConfigurationException($"A hold-out split needs at least 2 patients; the data has {patients.Count}.");
        }

        var assignment = Deal(patients, [testFraction, 1 - testFraction], seed, "splits.holdout");
        return MakeFold(0, assignment, patients, data.Count);
    }

    private sealed record PatientGroup(string Key, List<int> Rows, string Stratum);

    private static List<PatientGroup> Patients<TInputs>(LabelledSet<TInputs> data)
        where TInputs : IInputs<TInputs>
    {
        if (data.Samples.Count != data.Count || data.Targets.Rows != data.Count)
        {
            throw new ArgumentException($"{data.Count} inputs, {data.Targets.Rows} targets and {data.Samples.Count} sample descriptions do not match.", nameof(data));
        }

        var byPatient = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int i = 0; i < data.Count; i++)
        {
            string key = data.Samples[i].PatientKey;
            if (!byPatient.TryGetValue(key, out var rows))
            {
                byPatient[key] = rows = [];
                order.Add(key);
            }

            rows.Add(i);
        }

        var strata = Strata(data.Targets, order.Select(k => byPatient[k]).ToList());
        return order.Select((k, p) => new PatientGroup(k, byPatient[k], strata[p])).ToList();
    }

    private static string[] Strata(TargetMatrix targets, List<List<int>> groups)
    {
        var schema = targets.Schema;
        switch (schema.Kind)
        {
            case LabelKind.Binary:
                return groups.Select(rows => rows.Any(r => targets.Row(r)[0] >= 0.5f) ? "1" : "0").ToArray();
            case LabelKind.Multiclass:
                return groups.Select(rows => rows.GroupBy(r => (int)targets.Row(r)[0]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            case LabelKind.MultiLabel:
            {
                var frequency = new double[targets.Width];
                for (int r = 0; r < targets.Rows; r++)
                {
                    for (int k = 0; k < targets.Width; k++)
                    {
                        frequency[k] += targets.Row(r)[k];
                    }
                }

                return groups.Select(rows =>
                {
                    int rarest = -1;
                    foreach (int r in rows)
                    {
                        for (int k = 0; k < targets.Width; k++)
                        {
                            if (targets.Row(r)[k] >= 0.5f && (rarest < 0 || frequency[k] < frequency[rarest]))
                            {
                                rarest = k;
                            }
                        }
                    }

                    return rarest.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }).ToArray();
            }

            default:
            {
                var means = groups.Select(rows => rows.Average(r => (double)targets.Row(r)[0])).ToArray();
                var sorted = means.Order().ToArray();
                var cuts = Enumerable.Range(1, 4).Select(q => sorted[Math.Min(sorted.Length - 1, q * sorted.Length / 5)]).ToArray();
                return means.Select(m => cuts.Count(c => m >= c).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            }
        }
    }

    /// <summary>Assigns each patient a part so each part gets its share of every stratum.</summary>
    private static int[] Deal(List<PatientGroup> patients, double[] shares, int seed, string stream)
    {
        var random = Seeds.Stream(seed, stream);
        var indices = Enumerable.Range(0, patients.Count).ToArray();
        random.Shuffle(indices);
        var assignment = new int[patients.Count];
        var totals = new double[shares.Length];
        foreach (var stratum in indices.GroupBy(p => patients[p].Stratum).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var held = new double[shares.Length];

            // Largest patients first (stable, so the shuffle decides among equals).
            foreach (int p in stratum.OrderByDescending(p => patients[p].Rows.Count))
            {
                int best = 0;
                double bestFill = double.MaxValue;
                for (int part = 0; part < shares.Length; part++)
                {
                    double fill = held[part] / shares[part];
                    if (fill < bestFill - 1e-12 || (Math.Abs(fill - bestFill) <= 1e-12 && totals[part] / shares[part] < totals[best] / shares[best]))
                    {
                        best = part;
                        bestFill = fill;
                    }
                }

                assignment[p] = best;
                held[best] += patients[p].Rows.Count;
                totals[best] += patients[p].Rows.Count;
            }
        }

        return assignment;
    }

    private static Fold MakeFold(int part, int[] assignment, List<PatientGroup> patients, int count)
    {
        var test = new List<int>();
        var train = new List<int>();
        for (int p = 0; p < patients.Count; p++)
        {
            (assignment[p] == part ? test : train).AddRange(patients[p].Rows);
        }

        test.Sort();
        train.Sort();
        return new Fold(part, train, test);
    }
}
