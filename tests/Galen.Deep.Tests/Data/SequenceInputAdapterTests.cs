using Galen.Core.Clinical;
using Galen.Core.Learning;
using Galen.Core.Learning.Sequences;
using Galen.Deep.Data;

namespace Galen.Deep.Tests.Data;

/// <summary>The data layer's sequence samples (Galen.Core/Learning/Sequences) become Galen.Deep inputs unchanged in meaning.</summary>
public sealed class SequenceInputAdapterTests
{
    private static readonly string[] Channels = ["condition", "procedure", "drug"];

    [Fact]
    public void Visit_codes_of_every_channel_become_one_code_set_timed_in_days_after_the_first_visit()
    {
        var sequences = new VisitSequenceSet(Channels,
        [
            [
                new VisitCodes(720, [["ICD10CM:I50.9"], [], ["ATC:C03CA01"]]),
                new VisitCodes(48, [["ICD10CM:I50.9", "ICD10CM:N18.3"], ["ICD10PCS:02HV33Z"], []]),
            ],
            [],
        ]);

        var inputs = SequenceInputAdapter.ToVisitInputs(sequences);

        Assert.Equal(2, inputs.Count);
        Assert.Equal(2, inputs.VisitCount(0));
        Assert.Equal([new ClinicalCode("ICD10CM", "I50.9"), new ClinicalCode("ATC", "C03CA01")], inputs.Codes(0, 0));
        Assert.Equal([new ClinicalCode("ICD10CM", "I50.9"), new ClinicalCode("ICD10CM", "N18.3"), new ClinicalCode("ICD10PCS", "02HV33Z")], inputs.Codes(0, 1));
        Assert.Equal(0f, inputs.VisitDays(0, 0));
        Assert.Equal(28f, inputs.VisitDays(0, 1)); // (720 - 48) h = 28 days later
        Assert.Equal(1, inputs.VisitCount(1)); // nothing known yet: one empty visit, so the sample is still predicted
        Assert.Empty(inputs.Codes(1, 0));
    }

    [Fact]
    public void Time_series_values_the_mask_marks_unobserved_become_missing_and_context_travels_with_its_sample()
    {
        // 2 samples × 2 steps × 2 channels; sample 1's second step was filled in by an imputer (mask 0).
        float[] values = [1, 2, 3, 4, 5, 6, 7, 8];
        float[] mask = [1, 1, 0, 1, 1, 1, 0, 0];
        var series = new TimeSeriesSet(["LOINC:2160-0", "LOINC:8867-4"], ["mg/dL", "/min"], 2, 1, values, mask);
        var context = new FeatureMatrix([new FeatureSpec("age_years", "age", FeatureKind.Numeric, "years")], [70, 40]);

        var inputs = SequenceInputAdapter.ToTimeSeriesInputs(series, context);

        Assert.Equal(["LOINC:2160-0", "LOINC:8867-4"], inputs.Channels.Select(c => c.Name));
        Assert.Equal("mg/dL", inputs.Channels[0].Unit);
        Assert.Equal([1f, 2f, float.NaN, 4f], inputs.Sample(0).ToArray());
        Assert.Equal([5f, 6f, float.NaN, float.NaN], inputs.Sample(1).ToArray());
        var swapped = inputs.Select([1, 0]);
        Assert.Equal([40f, 70f], swapped.Context!.Values.ToArray());
        Assert.Equal([5f, 6f, float.NaN, float.NaN], swapped.Sample(0).ToArray());
    }
}
