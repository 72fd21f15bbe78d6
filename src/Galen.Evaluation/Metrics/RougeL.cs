namespace Galen.Evaluation.Metrics;

/// <summary>ROUGE-L averaged over a corpus.</summary>
/// <param name="Precision">Mean over samples of LCS / hypothesis length.</param>
/// <param name="Recall">Mean over samples of LCS / reference length.</param>
/// <param name="F">Mean over samples of the F-measure 2PR / (P + R) (0 when nothing matches).</param>
public sealed record RougeLScore(double Precision, double Recall, double F);

/// <summary>
/// ROUGE-L (Lin 2004) on tokenised text: the longest common subsequence (LCS) of a hypothesis
/// and its reference gives precision LCS/|hypothesis|, recall LCS/|reference| and their F-measure
/// with β = 1, as Google's <c>rouge-score</c> package reports <c>rougeL</c>; with several
/// references a sample takes the reference with the highest F. The corpus score is the mean
/// over samples. Golden values: <c>bench/peers/bleu_rouge_golden.py</c>.
/// </summary>
public static class RougeL
{
    /// <summary>Precision, recall and F of one hypothesis against one reference.</summary>
    public static RougeLScore Sentence(IReadOnlyList<string> hypothesis, IReadOnlyList<string> reference)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(reference);
        if (hypothesis.Count == 0 || reference.Count == 0)
        {
            return new RougeLScore(0, 0, 0);
        }

        int common = LongestCommonSubsequence(hypothesis, reference);
        double precision = common / (double)hypothesis.Count;
        double recall = common / (double)reference.Count;
        double f = common == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new RougeLScore(precision, recall, f);
    }

    /// <summary>Mean ROUGE-L over hypotheses with one reference each.</summary>
    public static RougeLScore Corpus(IReadOnlyList<IReadOnlyList<string>> hypotheses, IReadOnlyList<IReadOnlyList<string>> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return Corpus(hypotheses, references.Select(r => (IReadOnlyList<IReadOnlyList<string>>)[r]).ToArray());
    }

    /// <summary>Mean ROUGE-L over hypotheses with one or more references each (the best one counts).</summary>
    public static RougeLScore Corpus(IReadOnlyList<IReadOnlyList<string>> hypotheses, IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> references)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(references);
        if (hypotheses.Count != references.Count)
        {
            throw new ArgumentException($"{hypotheses.Count} hypotheses but {references.Count} reference sets.", nameof(references));
        }

        if (hypotheses.Count == 0)
        {
            return new RougeLScore(0, 0, 0);
        }

        double precision = 0, recall = 0, f = 0;
        for (int i = 0; i < hypotheses.Count; i++)
        {
            var best = references[i].Select(r => Sentence(hypotheses[i], r)).MaxBy(s => s.F)
                ?? throw new ArgumentException($"Hypothesis {i + 1} has no reference.", nameof(references));
            precision += best.Precision;
            recall += best.Recall;
            f += best.F;
        }

        return new RougeLScore(precision / hypotheses.Count, recall / hypotheses.Count, f / hypotheses.Count);
    }

    /// <summary>Length of the longest common subsequence (dynamic programming, two rows).</summary>
    public static int LongestCommonSubsequence(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (int i = 1; i <= a.Count; i++)
        {
            for (int j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }
}
