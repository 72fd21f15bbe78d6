using Galen.Learn.Trees;

namespace Galen.Learn.Tests.Trees;

public sealed class BinnedFeaturesTests
{
    [Fact]
    public void A_feature_with_few_distinct_values_gets_a_bin_per_value()
    {
        float[] values = [3, 1, 2, 2, 5, 1, 3, 5, 5];
        var binned = BinnedFeatures.Build(values, 1, 256, 1);

        Assert.Equal(4, binned.BinCount(0));
        Assert.Equal(new byte[] { 2, 0, 1, 1, 3, 0, 2, 3, 3 }, binned.Columns[0]);
        Assert.Equal(new[] { 1.5f, 2.5f, 4f }, binned.Thresholds[0]);
        Assert.Equal(new[] { 1f, 2, 3, 5 }, binned.Lowest[0]);
        Assert.Equal(new[] { 1f, 2, 3, 5 }, binned.Highest[0]);
    }

    [Fact]
    public void Many_distinct_values_are_cut_at_quantiles_into_at_most_the_bins_asked_for()
    {
        var random = new Random(1);
        const int Rows = 20_000;
        var values = new float[Rows * 2];
        for (int i = 0; i < Rows; i++)
        {
            values[2 * i] = (float)(random.NextDouble() * 10);

            // A skewed column where one value holds a fifth of the rows.
            values[(2 * i) + 1] = random.NextDouble() < 0.2 ? 0 : (float)Math.Exp(random.NextDouble() * 5);
        }

        var binned = BinnedFeatures.Build(values, 2, 64, 2);

        for (int f = 0; f < 2; f++)
        {
            int bins = binned.BinCount(f);
            Assert.InRange(bins, 32, 64);
            var counts = new int[bins];
            foreach (byte b in binned.Columns[f])
            {
                counts[b]++;
            }

            // Every bin holds rows; apart from the heavy value, none holds far more than its share.
            Assert.All(counts, c => Assert.True(c > 0));
            Assert.True(counts.Skip(1).Max() < 3 * Rows / 64, string.Join(",", counts));
            for (int i = 0; i < Rows; i++)
            {
                float v = values[(2 * i) + f];
                int bin = binned.Columns[f][i];
                Assert.InRange(v, binned.Lowest[f][bin], binned.Highest[f][bin]);
                Assert.True(bin == 0 || v > binned.Thresholds[f][bin - 1]);
                Assert.True(bin == bins - 1 || v <= binned.Thresholds[f][bin]);
            }
        }

        // The heavy value (0, the smallest) has a bin to itself.
        int zeros = Enumerable.Range(0, Rows).Count(i => values[(2 * i) + 1] == 0);
        Assert.Equal(zeros, binned.Columns[1].Count(b => b == 0));
    }

    [Fact]
    public void A_missing_value_is_refused_because_the_preprocessing_imputes_first()
    {
        var error = Assert.Throws<ArgumentException>(() => BinnedFeatures.Build([1, float.NaN, 2, 3], 2, 256, 1));
        Assert.Contains("Feature 1 has a missing value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1f, 2f)]
    [InlineData(-3.5f, 7.25f)]
    [InlineData(0.1f, 0.2f)]
    [InlineData(1f, 1.0000001f)]
    [InlineData(-float.MaxValue, float.MaxValue)]
    [InlineData(float.MaxValue, float.PositiveInfinity)]
    public void A_threshold_lies_where_scikit_learns_does_seen_from_float_inputs(float below, float above)
    {
        // scikit-learn: below / 2.0 + above / 2.0 in double, or below when that is not below above.
        double reference = (below / 2.0) + (above / 2.0);
        if (double.IsInfinity(reference) || reference >= above)
        {
            reference = below;
        }

        float threshold = BinnedFeatures.Midpoint(below, above);
        Assert.InRange(threshold, below, MathF.BitDecrement(above));
        foreach (float x in new[] { below, threshold, MathF.BitIncrement(threshold), MathF.BitDecrement(threshold), above })
        {
            Assert.Equal(x <= reference, x <= threshold);
        }
    }

    [Fact]
    public void The_radix_sort_orders_floats_as_array_sort_does_and_says_where_each_came_from()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 5000).Select(i => i % 97 == 0 ? float.PositiveInfinity : i % 89 == 0 ? float.NegativeInfinity : i % 83 == 0 ? -0f : (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30)))).ToArray();
        var expected = (float[])values.Clone();
        Array.Sort(expected);
        var sorted = new float[values.Length];
        var order = new int[values.Length];

        new FloatRadixSort(values.Length).Sort(values, sorted, order);

        Assert.Equal(expected, sorted);
        Assert.Equal(sorted, order.Select(i => values[i]).ToArray());
        Assert.Equal(Enumerable.Range(0, values.Length), order.Order());
    }
}
