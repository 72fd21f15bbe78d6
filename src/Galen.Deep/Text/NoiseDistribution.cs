namespace Galen.Deep.Text;

/// <summary>
/// Draws words in proportion to count^<c>exponent</c> (word2vec's noise distribution for
/// negative sampling, exponent 0.75) in constant time per draw, with Walker's alias method.
/// Special tokens have count 0 and are never drawn.
/// </summary>
internal sealed class NoiseDistribution
{
    private readonly double[] _threshold;
    private readonly int[] _alias;

    public NoiseDistribution(IReadOnlyList<long> counts, double exponent)
    {
        int n = counts.Count;
        var weight = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            weight[i] = counts[i] > 0 ? Math.Pow(counts[i], exponent) : 0;
            total += weight[i];
        }

        if (total <= 0)
        {
            throw new ArgumentException("The noise distribution needs at least one word with a positive count.", nameof(counts));
        }

        Probabilities = Array.ConvertAll(weight, w => w / total);
        _threshold = new double[n];
        _alias = new int[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        var scaled = new double[n];
        for (int i = 0; i < n; i++)
        {
            scaled[i] = Probabilities[i] * n;
            (scaled[i] < 1 ? small : large).Push(i);
        }

        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop();
            int l = large.Pop();
            _threshold[s] = scaled[s];
            _alias[s] = l;
            scaled[l] -= 1 - scaled[s];
            (scaled[l] < 1 ? small : large).Push(l);
        }

        foreach (int rest in large.Concat(small))
        {
            _threshold[rest] = 1;
            _alias[rest] = rest;
        }
    }

    /// <summary>The probability of drawing each word.</summary>
    public double[] Probabilities { get; }

    public int Draw(ref SplitMix64 random)
    {
        int column = (int)(random.NextDouble() * _threshold.Length);
        return random.NextDouble() < _threshold[column] ? column : _alias[column];
    }
}
