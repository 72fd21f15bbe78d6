using Galen.Evaluation.Metrics;

namespace Galen.Evaluation.Tests.Metrics;

/// <summary>BLEU and ROUGE-L against NLTK and an independent LCS (bench/peers/bleu_rouge_golden.py).</summary>
public sealed class TextGenerationMetricTests
{
    private static IReadOnlyList<string> T(string text) => text.Split(' ');

    [Fact]
    public void Corpus_bleu_of_one_sentence_matches_nltk()
    {
        // By hand: precisions 8/8, 6/7, 4/6, 3/5; brevity penalty exp(1 − 9/8) = 0.882497.
        var score = Bleu.Corpus([T("the patient should weigh himself every morning .")], [T("the patient should weigh himself every single morning .")]);

        Assert.Equal(0.675291821813, score.Score, 10);
        Assert.Equal(0.882496902585, score.BrevityPenalty, 10);
        Assert.Equal([1.0, 6.0 / 7, 4.0 / 6, 3.0 / 5], score.Precisions.ToArray(), new ToleranceComparer(1e-12));
        Assert.Equal((8L, 9L), (score.HypothesisLength, score.ReferenceLength));
    }

    [Fact]
    public void Corpus_bleu_with_several_references_matches_nltk_including_the_closest_reference_length()
    {
        IReadOnlyList<IReadOnlyList<string>> hypotheses =
        [
            T("It is a guide to action which ensures that the military always obeys the commands of the party"),
            T("he read the book because he was interested in world history"),
        ];
        IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> references =
        [
            [
                T("It is a guide to action that ensures that the military will forever heed Party commands"),
                T("It is the guiding principle which guarantees the military forces always being under the command of the Party"),
                T("It is the practical guide for the army always to heed the directions of the party"),
            ],
            [T("he was interested in world history because he read the book")],
        ];

        var score = Bleu.Corpus(hypotheses, references);

        Assert.Equal(0.592077886880, score.Score, 10);
        Assert.Equal((29L, 29L), (score.HypothesisLength, score.ReferenceLength));
    }

    [Fact]
    public void Short_hypotheses_pay_the_brevity_penalty_over_the_whole_corpus()
    {
        var score = Bleu.Corpus(
            [T("start apixaban 5 mg twice a day ."), T("come back if you have a fever .")],
            [T("start apixaban 5 mg twice a day with food ."), T("come back if you have a fever or chills .")]);

        Assert.Equal(0.677121910976, score.Score, 10);
        Assert.Equal(0.778800783071, score.BrevityPenalty, 10);
    }

    [Fact]
    public void Bleu_is_zero_when_an_order_has_no_match_and_one_for_a_perfect_corpus()
    {
        Assert.Equal(0, Bleu.Corpus([T("stop smoking now please")], [T("smoking stop please now")]).Score);
        Assert.Equal(1, Bleu.Corpus([T("weigh yourself every morning .")], [T("weigh yourself every morning .")]).Score, 12);
    }

    [Theory]
    [InlineData("the patient should weigh himself every morning .", "the patient should weigh himself every single morning .", 1.0, 0.888888888889, 0.941176470588)]
    [InlineData("police killed the gunman", "the gunman was shot by police", 0.5, 0.333333333333, 0.4)]
    [InlineData("start aspirin daily", "stop smoking", 0, 0, 0)]
    public void Rouge_l_is_the_lcs_f_measure(string hypothesis, string reference, double precision, double recall, double f)
    {
        var score = RougeL.Sentence(T(hypothesis), T(reference));

        Assert.Equal(precision, score.Precision, 10);
        Assert.Equal(recall, score.Recall, 10);
        Assert.Equal(f, score.F, 10);
    }

    [Fact]
    public void Corpus_rouge_l_averages_samples_and_takes_each_samples_best_reference()
    {
        var score = RougeL.Corpus(
            [T("police killed the gunman"), T("start aspirin daily")],
            [[T("stop smoking"), T("the gunman was shot by police")], [T("start aspirin daily")]]);

        Assert.Equal((0.4 + 1.0) / 2, score.F, 10);
        Assert.Equal((0.5 + 1.0) / 2, score.Precision, 10);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
