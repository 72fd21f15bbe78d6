using Galen.Core.Learning.Sequences;

namespace Galen.Core.Tests.Learning;

public sealed class SequenceInputsTests
{
    [Fact]
    public void Time_series_select_keeps_values_and_masks_of_the_chosen_samples()
    {
        var set = new TimeSeriesSet(["a", "b"], ["mg/dL", null], 2, 1, [1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 0, 1, 1, 0, 0, 1]);

        var second = set.Select([1]);

        Assert.Equal(1, second.Count);
        Assert.Equal([5f, 6, 7, 8], second.Values.ToArray());
        Assert.Equal([1f, 0, 0, 1], second.Mask.ToArray());
    }

    [Fact]
    public void Visit_sequences_encode_with_per_channel_vocabularies()
    {
        var set = new VisitSequenceSet(["dx", "rx"], [[new VisitCodes(5, [["A"], ["X", "Y"]]), new VisitCodes(1, [["B"], []])]]);
        var vocabularies = new[] { CodeVocabulary.FromTokens(["A"]), CodeVocabulary.Fit(["X", "X", "Y"], minCount: 2) };

        var encoded = set.Encode(vocabularies).Samples[0];

        Assert.Equal(2, encoded.Visits);
        Assert.Equal([2], encoded.Codes[0][0]);
        Assert.Equal([2, CodeVocabulary.UnknownId], encoded.Codes[0][1]);
        Assert.Equal([CodeVocabulary.UnknownId], encoded.Codes[1][0]);
        Assert.Equal([5f, 1], encoded.HoursBeforeIndex);
    }

    [Fact]
    public void A_visit_with_the_wrong_number_of_channels_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new VisitSequenceSet(["dx", "rx"], [[new VisitCodes(0, [["A"]])]]));
    }
}
