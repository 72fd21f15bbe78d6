using System.Globalization;
using Galen.Core.Errors;

namespace Galen.Deep.Data;

/// <summary>
/// How a visit-sequence model reads visit sequences: its code vocabulary (learned from training
/// samples), how many of the most recent visits it keeps, and whether it uses visit times.
/// Saved with the model.
/// </summary>
/// <param name="Vocabulary">The known codes.</param>
/// <param name="MaxVisits">The most recent visits kept per sample; earlier ones are dropped and counted.</param>
/// <param name="UsesVisitTimes">True when the gap between visits is part of the input.</param>
public sealed record VisitEncoding(CodeVocabulary Vocabulary, int MaxVisits, bool UsesVisitTimes)
{
    /// <summary>Maps every code to its vocabulary index and keeps the last <see cref="MaxVisits"/> visits.</summary>
    /// <param name="inputs">The samples.</param>
    /// <param name="source">Name of the inputs for error messages, e.g. "training samples".</param>
    public EncodedVisits Encode(VisitSequenceInputs inputs, string source = "visit sequences")
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (UsesVisitTimes && !inputs.HasVisitTimes)
        {
            throw new GalenInputException(
                "The model was trained with visit times but these samples carry none.",
                new SourceLocation(source, Field: "days_from_first_visit"),
                "Give every visit its time.");
        }

        var vocabularyIndex = new int[inputs.CodeTable.Count];
        for (int i = 0; i < vocabularyIndex.Length; i++)
        {
            vocabularyIndex[i] = Vocabulary.IndexOf(inputs.CodeTable[i]);
        }

        var sampleStart = new int[inputs.Count + 1];
        var visitStart = new List<int>(inputs.TotalVisits + 1) { 0 };
        var codes = new List<int>();
        var gaps = new List<float>(inputs.TotalVisits);
        long unknownCodes = 0;
        long droppedVisits = 0;
        for (int s = 0; s < inputs.Count; s++)
        {
            int visits = inputs.VisitCount(s);
            if (visits == 0)
            {
                throw new GalenInputException(
                    $"Sample {s} has no visits; a visit-sequence model needs at least one.",
                    new SourceLocation(source, s + 1, "visits", "0"),
                    "Leave samples without visits out of the task, or count them as rejected.");
            }

            int first = Math.Max(0, visits - MaxVisits);
            droppedVisits += first;
            for (int v = first; v < visits; v++)
            {
                bool unknownSeen = false;
                foreach (int id in inputs.CodeIds(s, v))
                {
                    int index = vocabularyIndex[id];
                    if (index == CodeVocabulary.Unknown)
                    {
                        unknownCodes++;
                        if (unknownSeen)
                        {
                            continue;
                        }

                        unknownSeen = true;
                    }

                    codes.Add(index);
                }

                visitStart.Add(codes.Count);
                gaps.Add(UsesVisitTimes ? Gap(inputs, s, v, first, source) : 0f);
            }

            sampleStart[s + 1] = visitStart.Count - 1;
        }

        return new EncodedVisits(sampleStart, visitStart.ToArray(), codes.ToArray(), gaps.ToArray(), unknownCodes, droppedVisits);
    }

    private static float Gap(VisitSequenceInputs inputs, int sample, int visit, int first, string source)
    {
        if (visit == first)
        {
            return 0f;
        }

        float days = inputs.VisitDays(sample, visit) - inputs.VisitDays(sample, visit - 1);
        if (days < 0)
        {
            throw new GalenInputException(
                $"Sample {sample}: visit {visit} is dated before visit {visit - 1}; visits must be in time order.",
                new SourceLocation(source, sample + 1, "days_from_first_visit", inputs.VisitDays(sample, visit).ToString(CultureInfo.InvariantCulture)));
        }

        return MathF.Log(1f + days);
    }
}
