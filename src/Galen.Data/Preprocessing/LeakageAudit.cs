using Galen.Core.Learning;
using Galen.Core.Splits;

namespace Galen.Data.Preprocessing;

/// <summary>What a <see cref="LeakageAudit"/> found.</summary>
/// <param name="Split">Patients shared between train, validation and test (none when clean).</param>
/// <param name="FittedOnTrainingRowsOnly">The preprocessor's provenance is exactly the training set: same rows (by content hash) and no validation or test patient.</param>
/// <param name="StatisticsReproducedFromTrainingRows">Refitting the same configuration on the training rows alone gives bit-identical transforms of the held-out rows.</param>
/// <param name="Problems">Each failed check in words (patients by pseudonymous key).</param>
public sealed record LeakageReport(SplitAuditResult Split, bool FittedOnTrainingRowsOnly, bool StatisticsReproducedFromTrainingRows, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// Proves a split and its preprocessing are leakage-free: (1) no patient is in two parts; (2) the
/// fitted preprocessor saw exactly the training rows (content hash) and none of the held-out
/// patients; (3) its statistics are a function of the training rows alone — refitting on the
/// training rows reproduces its output on the held-out rows bit for bit, which would fail if any
/// held-out row had shaped a mean, a quantile, a vocabulary or a neighbour set.
/// </summary>
public static class LeakageAudit
{
    public static LeakageReport Run(LabelledSet<FeatureMatrix> train, LabelledSet<FeatureMatrix>? validation, LabelledSet<FeatureMatrix> test, FittedPreprocessor preprocessor)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(preprocessor);
        var problems = new List<string>();
        var parts = new List<(string, IReadOnlyList<SampleInfo>)> { ("train", train.Samples), ("test", test.Samples) };
        if (validation is not null)
        {
            parts.Add(("validation", validation.Samples));
        }

        var split = SplitAudit.Check(parts);
        foreach (var overlap in split.Overlaps)
        {
            problems.Add($"{overlap.PatientKeys.Count} patient(s) in both {overlap.First} and {overlap.Second}, e.g. {overlap.PatientKeys[0]}");
        }

        var provenance = preprocessor.Provenance;
        var heldOut = test.Samples.Concat(validation?.Samples ?? []).Select(s => s.PatientKey).ToHashSet(StringComparer.Ordinal);
        var seenHeldOut = provenance.PatientKeys.Where(heldOut.Contains).ToArray();
        bool sameRows = provenance.Rows == train.Count && provenance.ContentHash == FitProvenance.Hash(train.Inputs);
        if (!sameRows)
        {
            problems.Add($"the preprocessor was fitted on {provenance.Rows} rows that are not the {train.Count} training rows");
        }

        if (seenHeldOut.Length > 0)
        {
            problems.Add($"the preprocessor was fitted on rows of {seenHeldOut.Length} held-out patient(s), e.g. {seenHeldOut[0]}");
        }

        var refit = preprocessor.Featurizer.Fit(train.Inputs);
        bool reproduced = Same(refit.Transform(test.Inputs), preprocessor.Transform(test.Inputs))
            && (validation is null || Same(refit.Transform(validation.Inputs), preprocessor.Transform(validation.Inputs)));
        if (!reproduced)
        {
            problems.Add("refitting on the training rows alone changes the held-out features: the fitted statistics depend on other rows");
        }

        return new LeakageReport(split, sameRows && seenHeldOut.Length == 0, reproduced, problems);
    }

    private static bool Same(FeatureMatrix a, FeatureMatrix b)
    {
        if (a.Rows != b.Rows || a.Columns != b.Columns)
        {
            return false;
        }

        var x = a.Values;
        var y = b.Values;
        for (int i = 0; i < x.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(x[i]) != BitConverter.SingleToInt32Bits(y[i]))
            {
                return false;
            }
        }

        return true;
    }
}
