namespace Galen.Learn.Trees;

/// <summary>
/// Least-significant-byte radix sort of floats (no NaN), optionally carrying each value's
/// position: four passes of 8 bits over order-preserving unsigned keys, skipping a pass when all
/// keys share that byte. Linear in the number of values, so sorting every column of a wide
/// table (for medians and quantile bins) costs a few passes over it. One instance holds its
/// scratch space and is used by one thread at a time.
/// </summary>
internal sealed class FloatRadixSort(int capacity)
{
    private readonly uint[] _keys = new uint[capacity];
    private readonly uint[] _keysSwap = new uint[capacity];
    private readonly int[] _order = new int[capacity];
    private readonly int[] _orderSwap = new int[capacity];
    private readonly int[] _counts = new int[4 * 256];

    /// <summary>Sorts <paramref name="values"/> in place, ascending.</summary>
    public void Sort(Span<float> values) => Run(values, values, default, carryOrder: false);

    /// <summary>Writes <paramref name="values"/> ascending into <paramref name="sorted"/>, and into <paramref name="order"/> where each came from.</summary>
    public void Sort(ReadOnlySpan<float> values, Span<float> sorted, Span<int> order) => Run(values, sorted, order, carryOrder: true);

    private void Run(ReadOnlySpan<float> values, Span<float> sorted, Span<int> order, bool carryOrder)
    {
        int n = values.Length;
        if (n > _keys.Length)
        {
            throw new ArgumentException($"{n} values exceed the sorter's capacity of {_keys.Length}.", nameof(values));
        }

        var keys = _keys.AsSpan(0, n);
        var keysSwap = _keysSwap.AsSpan(0, n);
        var rows = _order.AsSpan(0, n);
        var rowsSwap = _orderSwap.AsSpan(0, n);
        var counts = _counts.AsSpan();
        counts.Clear();
        for (int i = 0; i < n; i++)
        {
            uint key = Key(values[i]);
            keys[i] = key;
            counts[(int)(key & 0xFF)]++;
            counts[256 + (int)((key >> 8) & 0xFF)]++;
            counts[512 + (int)((key >> 16) & 0xFF)]++;
            counts[768 + (int)(key >> 24)]++;
        }

        if (carryOrder)
        {
            for (int i = 0; i < n; i++)
            {
                rows[i] = i;
            }
        }

        for (int pass = 0; pass < 4; pass++)
        {
            var histogram = counts.Slice(pass * 256, 256);
            int shift = pass * 8;
            if (n == 0 || histogram[(int)((keys[0] >> shift) & 0xFF)] == n)
            {
                continue;
            }

            int offset = 0;
            for (int b = 0; b < 256; b++)
            {
                int count = histogram[b];
                histogram[b] = offset;
                offset += count;
            }

            for (int i = 0; i < n; i++)
            {
                uint key = keys[i];
                int to = histogram[(int)((key >> shift) & 0xFF)]++;
                keysSwap[to] = key;
                if (carryOrder)
                {
                    rowsSwap[to] = rows[i];
                }
            }

            var swap = keys;
            keys = keysSwap;
            keysSwap = swap;
            var swapRows = rows;
            rows = rowsSwap;
            rowsSwap = swapRows;
        }

        for (int i = 0; i < n; i++)
        {
            sorted[i] = Value(keys[i]);
        }

        if (carryOrder)
        {
            rows.CopyTo(order);
        }
    }

    /// <summary>Unsigned key with the floats' order: flip every bit of a negative, the sign bit of a positive.</summary>
    private static uint Key(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    private static float Value(uint key) =>
        BitConverter.UInt32BitsToSingle((key & 0x8000_0000u) != 0 ? key & 0x7FFF_FFFFu : ~key);
}
