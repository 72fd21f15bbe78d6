using Galen.Core.Learning;
using Galen.Deep.Data;
using static TorchSharp.torch;

namespace Galen.Deep.Tests.Data;

public sealed class TimeSeriesEncodingTests
{
    private static readonly FeatureSpec[] Channels = [new("hr", "heart rate"), new("lac", "lactate")];

    [Fact]
    public void Values_are_standardised_on_training_measurements_carried_forward_and_masked()
    {
        float nan = float.NaN;
        var inputs = TimeSeriesInputs.Create(Channels, [
            [nan, 1f, 80f, nan, 100f, 3f],
            [90f, nan],
        ]);
        var encoding = TimeSeriesEncoding.Fit(inputs, maxSteps: 10);
        using var scope = NewDisposeScope();

        var batch = encoding.Encode(inputs).Batch([0, 1], CPU);

        // hr: mean 90, sd √(200/3); lac: mean 2, sd 1.
        float sd = MathF.Sqrt(200f / 3f);
        Assert.Equal([90f, 2f], encoding.Means);
        Assert.Equal(sd, encoding.Scales[0], 4);
        Assert.Equal((2, 3), (batch.Size, batch.Steps));
        float[] expected =
        [
            0f, -1f, -10f / sd, -1f, 10f / sd, 1f,
            0f, 0f, 0f, 0f, 0f, 0f,
        ];
        Assert.Equal(expected, batch.Values.data<float>().ToArray(), new Close(1e-5f));
        Assert.Equal([0f, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0], batch.Observed.data<float>().ToArray());
        Assert.Equal([3L, 1], batch.Lengths.data<long>().ToArray());
    }

    [Fact]
    public void Only_the_most_recent_steps_are_kept_and_the_rest_counted()
    {
        var inputs = TimeSeriesInputs.Create(Channels, [new float[] { 1, 1, 2, 2, 3, 3, 4, 4 }]);

        var encoded = TimeSeriesEncoding.Fit(inputs, maxSteps: 3).Encode(inputs);

        Assert.Equal(1, encoded.DroppedSteps);
        Assert.Equal(3, encoded.StepCount(0));
    }

    [Fact]
    public void An_infinite_measurement_is_refused_with_sample_step_and_channel()
    {
        var error = Assert.Throws<Core.Errors.GalenInputException>(() =>
            TimeSeriesInputs.Create(Channels, [new float[] { 1, 1 }, new float[] { 1, 1, 1, float.NegativeInfinity }]));

        Assert.Equal((2L, "lac"), (error.Location!.Line!.Value, error.Location.Field));
        Assert.Contains("step 1", error.Message, StringComparison.Ordinal);
    }

    private sealed class Close(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
