using Galen.Evaluation.Metrics;

namespace Galen.Evaluation.Tests.Metrics;

public sealed class BinaryRankingTests
{
    // Golden values from scikit-learn 1.2.1: sklearn.metrics.roc_auc_score(labels, scores).
    [Fact]
    public void Auroc_with_tied_scores_matches_scikit_learn()
    {
        bool[] labels = [false, false, true, true, false, true, true, false, true, false];
        double[] scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.05, 0.2, 0.6];

        Assert.Equal(0.68, BinaryRanking.Auroc(labels, scores), 12);
    }

    [Fact]
    public void Auroc_of_constant_scores_is_one_half()
    {
        Assert.Equal(0.5, BinaryRanking.Auroc([true, false, true, false, true], [0.5, 0.5, 0.5, 0.5, 0.5]), 12);
    }

    [Fact]
    public void Auroc_of_a_perfect_ranking_is_one_and_of_a_reversed_one_is_zero()
    {
        bool[] labels = [false, false, true, true];
        Assert.Equal(1.0, BinaryRanking.Auroc(labels, [0.1, 0.2, 0.3, 0.4]), 12);
        Assert.Equal(0.0, BinaryRanking.Auroc(labels, [0.4, 0.3, 0.2, 0.1]), 12);
    }

    [Fact]
    public void Auroc_is_undefined_with_one_class()
    {
        Assert.True(double.IsNaN(BinaryRanking.Auroc([true, true], [0.1, 0.2])));
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryRanking.Auroc([true, false], [0.1]));
        Assert.Contains("2 entries", error.Message, StringComparison.Ordinal);
    }
}
