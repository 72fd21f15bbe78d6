namespace Galen.Learn.Trees;

/// <summary>
/// Training rows binned once for histogram split finding: per feature, up to 256 bins cut at
/// quantiles of the training values (a feature with at most that many distinct values gets
/// one bin per value, so its splits are exactly scikit-learn's), stored column-major as one
/// byte per value so a node's histogram reads one contiguous column. Each bin remembers its
/// smallest and largest training value, so a split between two bins can be placed midway
/// between the node's nearest values on either side, as scikit-learn places its thresholds.
/// </summary>
internal sealed class BinnedFeatures
{
    /// <summary>The most bins a feature can have (bins are bytes).</summary>
    public const int MaximumBins = 256;

    private BinnedFeatures(int rows, byte[][] columns, float[][] thresholds, float[][] lowest, float[][] highest)
    {
        Rows = rows;
        Columns = columns;
        Thresholds = thresholds;
        Lowest = lowest;
        Highest = highest;
    }

    public int Rows { get; }

    public int Features => Columns.Length;

    /// <summary>Per feature, the bin of every training row.</summary>
    public byte[][] Columns { get; }

    /// <summary>Per feature, the upper edge of each bin but the last: value ≤ Thresholds[f][b] ⇔ bin ≤ b.</summary>
    public float[][] Thresholds { get; }

    /// <summary>Per feature, the smallest training value in each bin.</summary>
    public float[][] Lowest { get; }

    /// <summary>Per feature, the largest training value in each bin.</summary>
    public float[][] Highest { get; }

    /// <summary>
    /// The threshold of a split that sends bins ≤ <paramref name="lastLeft"/> left and bins ≥
    /// <paramref name="firstRight"/> right: midway between the largest value of the one and the
    /// smallest of the other, so it separates exactly those training rows.
    /// </summary>
    public float Threshold(int feature, int lastLeft, int firstRight) => Midpoint(Highest[feature][lastLeft], Lowest[feature][firstRight]);

    /// <summary>Bins of feature <paramref name="feature"/>.</summary>
    public int BinCount(int feature) => Thresholds[feature].Length + 1;

    /// <summary>
    /// Bins the row-major <paramref name="values"/> (rows × <paramref name="features"/>), at most
    /// <paramref name="maximumBins"/> per feature, over <paramref name="threads"/> threads.
    /// </summary>
    /// <exception cref="ArgumentException">A value is missing (NaN): the tabular preprocessing imputes before any tree sees the rows.</exception>
    public static BinnedFeatures Build(float[] values, int features, int maximumBins, int threads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumBins, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maximumBins, MaximumBins);
        int rows = values.Length / features;
        var columns = new byte[features][];
        var thresholds = new float[features][];
        var lowest = new float[features][];
        var highest = new float[features][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellationToken };
        try
        {
            BinColumns();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return new BinnedFeatures(rows, columns, thresholds, lowest, highest);

        void BinColumns() => Parallel.For(
            0,
            features,
            options,
            () => new ColumnScratch(rows),
            (feature, _, scratch) =>
            {
                var column = scratch.Column;
                for (int i = 0; i < rows; i++)
                {
                    float v = values[(i * features) + feature];
                    column[i] = float.IsNaN(v) ? throw new ArgumentException($"Feature {feature} has a missing value; impute before growing trees.", nameof(values)) : v;
                }

                scratch.Sorter.Sort(column, scratch.Sorted, scratch.Order);
                var edges = Edges(scratch, maximumBins);
                var bins = new byte[rows];
                var low = new float[edges.Length + 1];
                var high = new float[edges.Length + 1];

                // Walk the sorted values once: each bin is a run of them.
                var sorted = scratch.Sorted;
                var order = scratch.Order;
                int bin = 0;
                if (rows > 0)
                {
                    low[0] = sorted[0];
                }

                for (int i = 0; i < rows; i++)
                {
                    float v = sorted[i];
                    while (bin < edges.Length && v > edges[bin])
                    {
                        high[bin] = sorted[i - 1];
                        low[++bin] = v;
                    }

                    bins[order[i]] = (byte)bin;
                }

                if (rows > 0)
                {
                    high[bin] = sorted[rows - 1];
                }

                columns[feature] = bins;
                thresholds[feature] = edges;
                lowest[feature] = low;
                highest[feature] = high;
                return scratch;
            },
            _ => { });
    }

    /// <summary>The bin of <paramref name="value"/>: the first bin whose upper edge is ≥ the value.</summary>
    public static int BinOf(float[] edges, float value)
    {
        int low = 0, high = edges.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (value <= edges[middle])
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>
    /// A threshold between two values <paramref name="below"/> &lt; <paramref name="above"/>:
    /// scikit-learn's midpoint, computed in double precision as scikit-learn computes it, then
    /// the largest float not above it, so that a float input is ≤ the threshold exactly when it
    /// is ≤ scikit-learn's. When the midpoint overflows, <paramref name="below"/> (as scikit-learn).
    /// </summary>
    public static float Midpoint(float below, float above)
    {
        double middle = (below / 2.0) + (above / 2.0);
        if (double.IsInfinity(middle) || double.IsNaN(middle) || middle >= above)
        {
            return below;
        }

        float threshold = (float)middle;
        return threshold > middle ? MathF.BitDecrement(threshold) : threshold;
    }

    /// <summary>Cuts a sorted column into at most <paramref name="maximumBins"/> bins of about equal counts.</summary>
    private static float[] Edges(ColumnScratch scratch, int maximumBins)
    {
        // Distinct values and how many rows hold each.
        var column = scratch.Sorted;
        var values = scratch.Distinct;
        var counts = scratch.Counts;
        int distinct = 0;
        for (int i = 0; i < column.Length; i++)
        {
            if (i == 0 || column[i] != column[i - 1])
            {
                values[distinct] = column[i];
                counts[distinct++] = 0;
            }

            counts[distinct - 1]++;
        }

        if (distinct <= maximumBins)
        {
            var exact = new float[Math.Max(0, distinct - 1)];
            for (int d = 0; d < exact.Length; d++)
            {
                exact[d] = Midpoint(values[d], values[d + 1]);
            }

            return exact;
        }

        // Greedy equal-count cuts: close a bin once it holds its share of the rows still to
        // place; a value is never split across bins, so a very common value gets a bin of its own.
        var edges = new List<float>(maximumBins - 1);
        int remaining = column.Length;
        int held = 0;
        for (int d = 0; d < distinct - 1; d++)
        {
            held += counts[d];
            int binsLeft = maximumBins - edges.Count;
            double share = (double)remaining / binsLeft;
            bool lastPossible = distinct - 1 - d < binsLeft;
            bool nextOvershoots = held + counts[d + 1] > share && share - held < held + counts[d + 1] - share;
            if (held >= share || lastPossible || nextOvershoots)
            {
                edges.Add(Midpoint(values[d], values[d + 1]));
                remaining -= held;
                held = 0;
                if (edges.Count == maximumBins - 1)
                {
                    break;
                }
            }
        }

        return [.. edges];
    }

    /// <summary>One thread's buffers for binning columns of <c>rows</c> values.</summary>
    private sealed class ColumnScratch(int rows)
    {
        public float[] Column { get; } = new float[rows];

        public float[] Sorted { get; } = new float[rows];

        public int[] Order { get; } = new int[rows];

        public float[] Distinct { get; } = new float[rows];

        public int[] Counts { get; } = new int[rows];

        public FloatRadixSort Sorter { get; } = new(rows);
    }
}
