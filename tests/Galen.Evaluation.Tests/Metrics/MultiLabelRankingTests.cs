using Galen.Evaluation.Metrics;

namespace Galen.Evaluation.Tests.Metrics;

public sealed class MultiLabelRankingTests
{
    private static readonly float[] Targets = [1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1];
    private static readonly double[] Scores = [0.9, 0.2, 0.3, 0.4, 0.8, 0.1, 0.6, 0.3, 0.2, 0.2, 0.6, 0.7, 0.3, 0.1, 0.9, 0.5, 0.7, 0.4];

    // Golden value: bench/peers/metrics_golden.py (roc_auc_score(average="macro"), scikit-learn 1.2.1).
    [Fact]
    public void Macro_auroc_matches_scikit_learn()
    {
        Assert.Equal(0.888888888888889, MultiLabelRanking.MacroAuroc(Targets, Scores, 3), 12);
    }

    [Fact]
    public void Macro_auroc_skips_labels_with_one_outcome()
    {
        float[] targets = [1, 1, 0, 1, 1, 1];
        double[] scores = [0.9, 0.5, 0.1, 0.2, 0.8, 0.7];

        // Label 0 ranks perfectly; label 1 is always present and cannot be ranked.
        Assert.Equal(1.0, MultiLabelRanking.MacroAuroc(targets, scores, 2), 12);
    }

    [Fact]
    public void Recall_at_k_is_the_share_of_present_labels_among_the_top_k()
    {
        // Top label per sample: 0, 1, 0, 2, 2, 1; samples 1, 2 and 4 have one present label (found),
        // samples 3, 5 and 6 have two (one found each).
        Assert.Equal((1 + 1 + 0.5 + 1 + 0.5 + 0.5) / 6, MultiLabelRanking.RecallAtK(Targets, Scores, 3, 1), 12);
        Assert.Equal(1.0, MultiLabelRanking.RecallAtK(Targets, Scores, 3, 3), 12);
    }

    [Fact]
    public void Shapes_that_do_not_match_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => MultiLabelRanking.MacroAuroc([1, 0, 1], [0.1, 0.2, 0.3, 0.4], 2));
    }
}
