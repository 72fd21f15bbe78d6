using Galen.Core.Clinical;
using Galen.Core.Learning;
using Galen.Core.Learning.Sequences;

namespace Galen.Deep.Data;

/// <summary>
/// The one place where the data layer's sequence samples (Galen.Core/Learning/Sequences, as
/// clinical tasks build them) become the inputs of Galen.Deep's networks. Nothing is fitted
/// here: vocabularies and scaling are learned by each model from its training samples.
/// </summary>
public static class SequenceInputAdapter
{
    /// <summary>
    /// Visit sequences for the GRU, LSTM, Transformer and RETAIN models: each visit's codes of
    /// every channel (conditions, procedures, drugs) become one code set — the channels' keys
    /// ("ICD10CM:I50.9", "ATC:C03CA01") stay distinct — and each visit is timed in days after the
    /// sample's first visit. A sample with no coded visit yet (an admission with nothing known at
    /// its index time) becomes one empty visit at the index time, so it is still predicted.
    /// </summary>
    public static VisitSequenceInputs ToVisitInputs(VisitSequenceSet sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        var builder = new VisitSequenceInputs.Builder();
        var codes = new Dictionary<string, ClinicalCode>(StringComparer.Ordinal);
        foreach (var visits in sequences.Sequences)
        {
            builder.StartSample();
            if (visits.Count == 0)
            {
                builder.AddVisit([], 0);
                continue;
            }

            double first = visits[0].HoursBeforeIndex;
            foreach (var visit in visits)
            {
                var set = new List<ClinicalCode>();
                foreach (var channel in visit.CodesByChannel)
                {
                    foreach (string key in channel)
                    {
                        if (!codes.TryGetValue(key, out var code))
                        {
                            code = Parse(key);
                            codes[key] = code;
                        }

                        set.Add(code);
                    }
                }

                builder.AddVisit(set, Math.Max(0, (first - visit.HoursBeforeIndex) / 24.0));
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// Time series for the time-series GRU/LSTM: every step's values with NaN where the mask says
    /// a channel was not observed (whatever an imputer may have filled in), and, when given,
    /// <paramref name="context"/> — one row of features per sample that hold over the whole series
    /// (for a task: age, history, drugs and procedures known at the index time).
    /// </summary>
    public static TimeSeriesInputs ToTimeSeriesInputs(TimeSeriesSet series, FeatureMatrix? context = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var channels = series.Channels.Select((name, c) => new FeatureSpec(name, name, FeatureKind.Numeric, series.Units[c])).ToArray();
        var values = series.Values.ToArray();
        var mask = series.Mask;
        for (int i = 0; i < values.Length; i++)
        {
            if (mask[i] == 0)
            {
                values[i] = float.NaN;
            }
        }

        return TimeSeriesInputs.FromRegular(channels, series.Steps, values, context);
    }

    /// <summary>"system:code" → the code (a key without a system becomes system "UNKNOWN").</summary>
    private static ClinicalCode Parse(string key)
    {
        int cut = key.IndexOf(':', StringComparison.Ordinal);
        return cut > 0 ? new ClinicalCode(key[..cut], key[(cut + 1)..]) : new ClinicalCode("UNKNOWN", key);
    }
}
