using Galen.Core.Privacy;
using Galen.Text.Deid.Detection;
using Galen.Text.Deid.Evaluation;

namespace Galen.Text.Tests.Deid;

public sealed class EvaluationTests
{
    // "John Smith was seen on 3/4/21 at Mercy." : John 0-4, Smith 5-10, 3/4/21 23-29, Mercy 33-38
    private const string Text = "John Smith was seen on 3/4/21 at Mercy.";

    [Fact]
    public void Hand_counted_entity_and_token_scores()
    {
        var gold = new[] { new PhiSpan(0, 10, PhiType.PatientName), new PhiSpan(23, 6, PhiType.Date), new PhiSpan(33, 5, PhiType.Organization) };
        var predicted = new[]
        {
            new PhiFinding(0, 4, PhiType.PatientName, DetectionLayer.Pattern),   // half the name: entity missed, 1 of 2 tokens
            new PhiFinding(15, 4, PhiType.PatientName, DetectionLayer.Learned),  // "seen": a false positive
            new PhiFinding(23, 6, PhiType.Ssn, DetectionLayer.Pattern),          // the date, with the wrong type
        };
        var evaluation = new DeidEvaluation();
        evaluation.Add(Text, gold, predicted);

        var overall = evaluation.Overall;
        Assert.Equal(3, overall.GoldEntities);
        Assert.Equal(1, overall.FoundEntities);          // only the date is fully covered
        Assert.Equal(2, overall.CorrectPredictedEntities); // "John" and the date touch gold
        Assert.Equal(3, overall.PredictedEntities);
        Assert.Equal(1.0 / 3, overall.EntityRecall, 12);
        Assert.Equal(2.0 / 3, overall.EntityPrecision, 12);
        Assert.Equal(5 * (2.0 / 3) * (1.0 / 3) / ((4 * (2.0 / 3)) + (1.0 / 3)), overall.EntityF2, 12);

        // Gold word tokens: John, Smith, 3, 4, 21, Mercy = 6; found: John, 3, 4, 21 = 4.
        Assert.Equal(6, overall.GoldTokens);
        Assert.Equal(4, overall.FoundTokens);
        // Predicted tokens: John, seen, 3, 4, 21 = 5; right: 4.
        Assert.Equal(5, overall.PredictedTokens);
        Assert.Equal(4, overall.CorrectPredictedTokens);

        var date = evaluation.ByType.Single(s => s.Type == PhiType.Date);
        Assert.Equal(1.0, date.EntityRecall);
        Assert.Equal(0.0, date.TypeAgreement);
        var name = evaluation.ByType.Single(s => s.Type == PhiType.PatientName);
        Assert.Equal(0.0, name.EntityRecall);
        Assert.Equal(0.5, name.EntityPrecision); // of 2 predicted names, "John" touches gold
        Assert.Contains("| **overall** | 3 | 0.333 | 0.667 |", evaluation.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void F2_weighs_recall_four_times_as_much_as_precision()
    {
        Assert.Equal(5 * 0.5 * 1.0 / ((4 * 0.5) + 1.0), PhiTypeScore.F2(0.5, 1.0), 12);
        Assert.True(PhiTypeScore.F2(0.5, 1.0) > PhiTypeScore.F2(1.0, 0.5));
        Assert.True(double.IsNaN(PhiTypeScore.F2(double.NaN, 1)));
    }
}
