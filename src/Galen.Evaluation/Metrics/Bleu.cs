namespace Galen.Evaluation.Metrics;

/// <summary>A corpus BLEU score with its parts.</summary>
/// <param name="Score">BLEU in [0, 1] (sacrebleu prints it × 100).</param>
/// <param name="Precisions">Modified (clipped) n-gram precision for n = 1 … 4, pooled over the corpus.</param>
/// <param name="BrevityPenalty">exp(1 − r / c) when the hypotheses are shorter than the references, else 1.</param>
/// <param name="HypothesisLength">Tokens in all hypotheses (c).</param>
/// <param name="ReferenceLength">Tokens in the closest reference of each hypothesis, summed (r).</param>
public sealed record BleuScore(double Score, IReadOnlyList<double> Precisions, double BrevityPenalty, long HypothesisLength, long ReferenceLength);

/// <summary>
/// Corpus BLEU-4 (Papineni et al. 2002) on tokenised text: clipped n-gram counts pooled over the
/// whole corpus for n = 1 … 4, their geometric mean with equal weights, times the brevity
/// penalty computed from the summed hypothesis length and the summed length of each hypothesis's
/// closest reference (the shorter one on a tie). This is the definition of NLTK's
/// <c>corpus_bleu</c> (default weights, no smoothing) and of sacrebleu's <c>corpus_bleu</c> with
/// <c>tokenize="none"</c> and <c>smooth_method="none"</c> (which reports 100 × the score). As
/// there, the score is 0 when some order has no matching n-gram. Golden values:
/// <c>bench/peers/bleu_rouge_golden.py</c>.
/// </summary>
public static class Bleu
{
    /// <summary>The highest n-gram order.</summary>
    public const int MaxOrder = 4;

    /// <summary>Corpus BLEU of hypotheses against one reference each.</summary>
    public static BleuScore Corpus(IReadOnlyList<IReadOnlyList<string>> hypotheses, IReadOnlyList<IReadOnlyList<string>> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return Corpus(hypotheses, references.Select(r => (IReadOnlyList<IReadOnlyList<string>>)[r]).ToArray());
    }

    /// <summary>Corpus BLEU of hypotheses against one or more references each.</summary>
    public static BleuScore Corpus(IReadOnlyList<IReadOnlyList<string>> hypotheses, IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> references)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(references);
        if (hypotheses.Count != references.Count)
        {
            throw new ArgumentException($"{hypotheses.Count} hypotheses but {references.Count} reference sets.", nameof(references));
        }

        var matched = new long[MaxOrder];
        var total = new long[MaxOrder];
        long hypothesisLength = 0;
        long referenceLength = 0;
        for (int i = 0; i < hypotheses.Count; i++)
        {
            var hypothesis = hypotheses[i];
            var candidates = references[i];
            if (candidates.Count == 0)
            {
                throw new ArgumentException($"Hypothesis {i + 1} has no reference.", nameof(references));
            }

            hypothesisLength += hypothesis.Count;
            referenceLength += ClosestLength(hypothesis.Count, candidates);
            for (int n = 1; n <= MaxOrder; n++)
            {
                var counts = NGrams(hypothesis, n);
                var maxima = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var reference in candidates)
                {
                    foreach (var (gram, count) in NGrams(reference, n))
                    {
                        maxima[gram] = Math.Max(maxima.GetValueOrDefault(gram), count);
                    }
                }

                foreach (var (gram, count) in counts)
                {
                    matched[n - 1] += Math.Min(count, maxima.GetValueOrDefault(gram));
                }

                total[n - 1] += Math.Max(0, hypothesis.Count - n + 1);
            }
        }

        var precisions = new double[MaxOrder];
        double logSum = 0;
        bool zero = false;
        for (int n = 0; n < MaxOrder; n++)
        {
            precisions[n] = total[n] == 0 ? 0 : matched[n] / (double)total[n];
            if (matched[n] == 0)
            {
                zero = true;
            }
            else
            {
                logSum += Math.Log(precisions[n]) / MaxOrder;
            }
        }

        double penalty = hypothesisLength == 0 ? 0 : hypothesisLength >= referenceLength ? 1 : Math.Exp(1 - (referenceLength / (double)hypothesisLength));
        double score = zero ? 0 : penalty * Math.Exp(logSum);
        return new BleuScore(score, precisions, penalty, hypothesisLength, referenceLength);
    }

    private static int ClosestLength(int length, IReadOnlyList<IReadOnlyList<string>> references)
    {
        int best = references[0].Count;
        foreach (var reference in references)
        {
            int distance = Math.Abs(reference.Count - length);
            int bestDistance = Math.Abs(best - length);
            if (distance < bestDistance || (distance == bestDistance && reference.Count < best))
            {
                best = reference.Count;
            }
        }

        return best;
    }

    private static Dictionary<string, int> NGrams(IReadOnlyList<string> tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int start = 0; start + n <= tokens.Count; start++)
        {
            // The unit separator cannot occur inside a token of tokenised text.
            string gram = n == 1 ? tokens[start] : string.Join('\u001f', Enumerable.Range(start, n).Select(i => tokens[i]));
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }

        return counts;
    }
}
