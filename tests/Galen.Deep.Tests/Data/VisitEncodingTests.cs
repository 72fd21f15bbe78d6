using Galen.Core.Clinical;
using Galen.Core.Errors;
using Galen.Deep.Data;
using static TorchSharp.torch;

namespace Galen.Deep.Tests.Data;

public sealed class VisitEncodingTests
{
    private static readonly ClinicalCode A = new(CodeSystems.Icd10Cm, "A");
    private static readonly ClinicalCode B = new(CodeSystems.Icd10Cm, "B");
    private static readonly ClinicalCode C = new(CodeSystems.Icd10Cm, "C");
    private static readonly ClinicalCode D = new(CodeSystems.Atc, "D");

    private static VisitSequenceInputs Samples() => new VisitSequenceInputs.Builder()
        .AddSample([[A, B], [A], [C, A]], [0, 3, 10])
        .AddSample([[B, B, D]], [0])
        .Build();

    [Fact]
    public void The_vocabulary_is_learned_from_training_visits_most_frequent_first_ties_by_code()
    {
        var vocabulary = CodeVocabulary.Fit(Samples());

        Assert.Equal([A, B, D, C], vocabulary.Codes.Select(c => c));
        Assert.Equal(6, vocabulary.Size);
        Assert.Equal(2, vocabulary.IndexOf(A));
        Assert.Equal(CodeVocabulary.Unknown, vocabulary.IndexOf(new ClinicalCode(CodeSystems.Icd10Cm, "Z")));
        Assert.Equal([A], CodeVocabulary.Fit(Samples(), minimumCount: 3).Codes);
    }

    [Fact]
    public void A_batch_holds_each_visit_as_a_bag_of_codes_and_padding_as_empty_bags()
    {
        var inputs = Samples();
        var encoding = new VisitEncoding(CodeVocabulary.Fit(inputs), MaxVisits: 10, UsesVisitTimes: true);
        using var scope = NewDisposeScope();

        var batch = encoding.Encode(inputs).Batch([1, 0], CPU);

        // Sample 1 (one visit: B, D), then sample 0 (A B | A | C A); B=3, D=4, A=2, C=5.
        Assert.Equal((2, 3), (batch.Size, batch.Visits));
        Assert.Equal([3L, 4, 2, 3, 2, 5, 2], batch.Codes.data<long>().ToArray());
        Assert.Equal([0L, 2, 2, 2, 4, 5], batch.Offsets.data<long>().ToArray());
        Assert.Equal([1L, 3], batch.Lengths.data<long>().ToArray());
        Assert.Equal([true, false, false, true, true, true], batch.VisitMask.data<bool>().ToArray());
        Assert.Equal([0f, 0f, 0f, 0f, MathF.Log(4), MathF.Log(8)], batch.VisitGaps.data<float>().ToArray());
    }

    [Fact]
    public void Unknown_codes_and_visits_beyond_the_window_are_counted_and_the_most_recent_visits_kept()
    {
        var vocabulary = new CodeVocabulary([A]);
        var encoding = new VisitEncoding(vocabulary, MaxVisits: 2, UsesVisitTimes: false);

        var encoded = encoding.Encode(Samples());

        // Kept: sample 0's last two visits (A | C A) and sample 1's (B D, the repeated B kept once).
        Assert.Equal(1, encoded.DroppedVisits);
        Assert.Equal(3, encoded.UnknownCodes);
        Assert.Equal([CodeVocabulary.Unknown, 2], encoded.Codes(0, 1).ToArray());
        Assert.Equal([CodeVocabulary.Unknown], encoded.Codes(1, 0).ToArray());
    }

    [Fact]
    public void A_sample_without_visits_is_refused_with_its_position()
    {
        var inputs = new VisitSequenceInputs.Builder().AddSample([[A]]).StartSample().Build();

        var error = Assert.Throws<GalenInputException>(() => new VisitEncoding(CodeVocabulary.Fit(inputs), 5, false).Encode(inputs, "training samples"));

        Assert.Equal(("training samples", 2L), (error.Location!.Source, error.Location.Line!.Value));
    }

    [Fact]
    public void Visits_out_of_time_order_are_refused()
    {
        var inputs = new VisitSequenceInputs.Builder().AddSample([[A], [B]], [5, 2]).Build();

        var error = Assert.Throws<GalenInputException>(() => new VisitEncoding(CodeVocabulary.Fit(inputs), 5, true).Encode(inputs));

        Assert.Contains("visit 1 is dated before visit 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Selecting_samples_keeps_their_visits_codes_and_times()
    {
        var selected = Samples().Select([1, 0, 1]);

        Assert.Equal(3, selected.Count);
        Assert.Equal([1, 3, 1], Enumerable.Range(0, 3).Select(selected.VisitCount));
        Assert.Equal([C, A], selected.Codes(1, 2));
        Assert.Equal(10f, selected.VisitDays(1, 2));
        Assert.Equal([B, D], selected.Codes(2, 0));
    }
}
