using Galen.Core.Randomness;

namespace Galen.Learn.Trees;

/// <summary>
/// Grows one tree at a time on binned rows, as scikit-learn's forest grows each of its trees:
/// a bootstrap sample (rows weighted by how often they were drawn), at every node a fresh
/// random subset of features, the split that most reduces Gini impurity, entropy or squared
/// error, nodes grown depth-first, or best-first when the leaves are limited. Split finding
/// reads a per-node histogram of one byte column at a time; nodes with few rows histogram
/// only the bins they touch. One grower per thread: its scratch space is reused from tree to
/// tree and nothing is allocated per node.
/// </summary>
internal sealed class TreeGrower
{
    /// <summary>scikit-learn's EPSILON: impurity at or below it is pure.</summary>
    private const double Epsilon = 2.220446049250313e-16;

    private readonly BinnedFeatures _x;
    private readonly ForestTargets _y;
    private readonly ForestSettings _settings;
    private readonly bool _classification;
    private readonly int _classes;
    private readonly int _outputs;

    /// <summary>Histogram slots per bin: one weight per class, or (Σw, Σwy) for regression.</summary>
    private readonly int _slots;

    private readonly int[] _drawn;
    private readonly double[] _classWeight;

    // Per position of the in-bag rows; a node owns a contiguous range, split in place.
    private readonly int[] _rows;
    private readonly int[] _label;
    private readonly double[] _target;
    private readonly double[] _weight;

    private readonly double[] _histogram;
    private readonly int[] _binCounts;
    private readonly int[] _touched;
    private readonly int[] _featureOrder;
    private readonly double[] _left;
    private readonly double[] _total;
    private readonly Stack<Candidate> _stack = new();
    private readonly PriorityQueue<Candidate, double> _frontier = new();

    // The tree being grown.
    private int _nodes;
    private int[] _feature = [];
    private float[] _threshold = [];
    private int[] _leftChild = [];
    private double[] _values = [];
    private double[] _cover = [];
    private double[] _importance = [];
    private double _rootWeight;

    public TreeGrower(BinnedFeatures x, ForestTargets y, ForestSettings settings)
    {
        _x = x;
        _y = y;
        _settings = settings;
        _classification = y.IsClassification;
        _classes = y.ClassCount;
        _outputs = y.Outputs;
        _slots = _classification ? _classes : 2;
        int n = x.Rows;
        _drawn = new int[n];
        _classWeight = new double[Math.Max(_classes, 1)];
        _rows = new int[n];
        _label = new int[n];
        _target = new double[n];
        _weight = new double[n];
        _histogram = new double[BinnedFeatures.MaximumBins * _slots];
        _binCounts = new int[BinnedFeatures.MaximumBins];
        _touched = new int[BinnedFeatures.MaximumBins];
        _featureOrder = Enumerable.Range(0, x.Features).ToArray();
        _left = new double[_slots];
        _total = new double[_slots];
    }

    /// <summary>Grows tree <paramref name="index"/> of the forest; the same index and seed give the same tree on any thread.</summary>
    public DecisionTree Grow(int index)
    {
        var random = new Random(Seeds.Derive(_settings.Seed, "forest/tree/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        int inBag = Sample(random);
        Array.Sort(_featureOrder);
        int capacity = Math.Max(16, Math.Min(2 * inBag, _settings.MaximumLeaves is { } leaves ? 2 * leaves : int.MaxValue));
        _nodes = 0;
        _feature = new int[capacity];
        _threshold = new float[capacity];
        _leftChild = new int[capacity];
        _values = new double[capacity * _outputs];
        _cover = new double[capacity];
        _importance = new double[_x.Features];
        _rootWeight = 0;
        for (int p = 0; p < inBag; p++)
        {
            _rootWeight += _weight[p];
        }

        var root = Evaluate(NewNodes(1), 0, inBag, 0, random);
        if (_settings.MaximumLeaves is { } maximumLeaves)
        {
            GrowBestFirst(root, maximumLeaves, random);
        }
        else
        {
            GrowDepthFirst(root, random);
        }

        return Finish();
    }

    /// <summary>Draws the bootstrap sample and lays out the in-bag rows; returns how many distinct rows are in the bag.</summary>
    private int Sample(Random random)
    {
        int n = _x.Rows;
        if (_settings.Bootstrap)
        {
            Array.Clear(_drawn);
            for (int i = 0; i < _settings.SamplesPerTree; i++)
            {
                _drawn[random.Next(n)]++;
            }
        }
        else
        {
            Array.Fill(_drawn, 1);
        }

        if (_classification)
        {
            Array.Fill(_classWeight, 1.0);
            if (_settings.BalancePerBootstrap)
            {
                // scikit-learn's "balanced_subsample": n_drawn / (K · drawn in class), per tree.
                Array.Clear(_classWeight);
                long drawnTotal = 0;
                for (int r = 0; r < n; r++)
                {
                    _classWeight[_y.Classes![r]] += _drawn[r];
                    drawnTotal += _drawn[r];
                }

                int present = _classWeight.Count(c => c > 0);
                for (int c = 0; c < _classes; c++)
                {
                    _classWeight[c] = _classWeight[c] > 0 ? drawnTotal / (present * _classWeight[c]) : 0;
                }
            }
        }

        var classes = _y.Classes;
        var values = _y.Values;
        var weights = _y.Weights;
        int m = 0;
        for (int r = 0; r < n; r++)
        {
            if (_drawn[r] == 0)
            {
                continue;
            }

            double w = _drawn[r] * (weights is null ? 1.0 : weights[r]);
            if (classes is not null)
            {
                w *= _classWeight[classes[r]];
                _label[m] = classes[r];
            }
            else
            {
                _target[m] = values![r];
            }

            if (w <= 0)
            {
                continue;
            }

            _rows[m] = r;
            _weight[m] = w;
            m++;
        }

        return m;
    }

    private void GrowDepthFirst(Candidate root, Random random)
    {
        _stack.Clear();
        _stack.Push(root);
        while (_stack.TryPop(out var node))
        {
            if (node.Feature < 0)
            {
                continue;
            }

            var (left, right) = Split(node, random);
            _stack.Push(right);
            _stack.Push(left);
        }
    }

    private void GrowBestFirst(Candidate root, int maximumLeaves, Random random)
    {
        _frontier.Clear();
        if (root.Feature >= 0)
        {
            _frontier.Enqueue(root, -root.Improvement);
        }

        int leaves = 1;
        while (leaves < maximumLeaves && _frontier.TryDequeue(out var node, out _))
        {
            var (left, right) = Split(node, random);
            leaves++;
            if (left.Feature >= 0)
            {
                _frontier.Enqueue(left, -left.Improvement);
            }

            if (right.Feature >= 0)
            {
                _frontier.Enqueue(right, -right.Improvement);
            }
        }

        // Whatever is left in the frontier stays a leaf.
        _frontier.Clear();
    }

    /// <summary>Splits a node by its chosen feature and bin and evaluates both children.</summary>
    private (Candidate Left, Candidate Right) Split(Candidate node, Random random)
    {
        int middle = Partition(node.Start, node.End, _x.Columns[node.Feature], node.Bin);
        int left = NewNodes(2);
        _feature[node.Node] = node.Feature;
        _threshold[node.Node] = _x.Threshold(node.Feature, node.Bin, node.NextBin);
        _leftChild[node.Node] = left;
        _importance[node.Feature] += node.Improvement;
        var l = Evaluate(left, node.Start, middle, node.Depth + 1, random);
        var r = Evaluate(left + 1, middle, node.End, node.Depth + 1, random);
        return (l, r);
    }

    /// <summary>Reserves <paramref name="count"/> consecutive leaf nodes and returns the first.</summary>
    private int NewNodes(int count)
    {
        int first = _nodes;
        _nodes += count;
        if (_nodes > _feature.Length)
        {
            int capacity = Math.Max(_nodes, _feature.Length * 2);
            Array.Resize(ref _feature, capacity);
            Array.Resize(ref _threshold, capacity);
            Array.Resize(ref _leftChild, capacity);
            Array.Resize(ref _values, capacity * _outputs);
            Array.Resize(ref _cover, capacity);
        }

        for (int node = first; node < _nodes; node++)
        {
            _feature[node] = -1;
        }

        return first;
    }

    /// <summary>Records a node's totals and finds its best split; Feature is −1 when it stays a leaf.</summary>
    private Candidate Evaluate(int node, int start, int end, int depth, Random random)
    {
        var total = _total;
        Array.Clear(total);
        double weight = 0, squares = 0;
        if (_classification)
        {
            for (int p = start; p < end; p++)
            {
                total[_label[p]] += _weight[p];
            }

            for (int k = 0; k < _classes; k++)
            {
                weight += total[k];
                _values[(node * _outputs) + k] = total[k];
            }
        }
        else
        {
            for (int p = start; p < end; p++)
            {
                double w = _weight[p], y = _target[p];
                total[0] += w;
                total[1] += w * y;
                squares += w * y * y;
            }

            weight = total[0];
            _values[node] = total[1];
        }

        _cover[node] = weight;
        var candidate = new Candidate(node, start, end, depth);
        int n = end - start;
        if ((_settings.MaximumDepth is { } maximumDepth && depth >= maximumDepth)
            || n < _settings.MinimumSamplesPerSplit
            || n < 2 * _settings.MinimumSamplesPerLeaf
            || weight <= 0
            || Impurity(total, weight, squares) <= Epsilon)
        {
            return candidate;
        }

        var (feature, bin, next, proxy) = FindSplit(start, end, random);
        if (feature < 0)
        {
            return candidate;
        }

        double improvement = proxy - Proxy(total, weight);
        if (improvement / _rootWeight + Epsilon < 0)
        {
            return candidate;
        }

        return candidate with { Feature = feature, Bin = bin, NextBin = next, Improvement = improvement };
    }

    private double Impurity(double[] total, double weight, double squares)
    {
        if (!_classification)
        {
            double mean = total[1] / weight;
            return (squares / weight) - (mean * mean);
        }

        double impurity = _settings.Criterion == SplitCriterion.Gini ? 1 : 0;
        for (int k = 0; k < _classes; k++)
        {
            double p = total[k] / weight;
            impurity -= _settings.Criterion == SplitCriterion.Gini ? p * p : p > 0 ? p * Math.Log2(p) : 0;
        }

        return impurity;
    }

    /// <summary>
    /// The part of a node's weighted impurity that a split can change, larger is purer
    /// (scikit-learn's proxy): Σ_k w_k²/w for Gini, Σ_k w_k ln(w_k/w) for entropy, (Σwy)²/w for
    /// squared error. A split's weighted impurity decrease is the children's sum minus the parent's.
    /// </summary>
    private double Proxy(ReadOnlySpan<double> sums, double weight)
    {
        if (weight <= 0)
        {
            return 0;
        }

        if (!_classification)
        {
            return sums[1] * sums[1] / weight;
        }

        double proxy = 0;
        if (_settings.Criterion == SplitCriterion.Gini)
        {
            for (int k = 0; k < sums.Length; k++)
            {
                proxy += sums[k] * sums[k];
            }

            return proxy / weight;
        }

        for (int k = 0; k < sums.Length; k++)
        {
            if (sums[k] > 0)
            {
                proxy += sums[k] * Math.Log(sums[k] / weight);
            }
        }

        return proxy;
    }

    /// <summary>
    /// scikit-learn's feature draw: features are drawn without replacement until
    /// <see cref="ForestSettings.FeaturesPerSplit"/> have been looked at (constant ones count)
    /// and at least one was not constant in the node; the best split of all wins.
    /// </summary>
    private (int Feature, int Bin, int NextBin, double Proxy) FindSplit(int start, int end, Random random)
    {
        int features = _featureOrder.Length;
        int wanted = _settings.FeaturesPerSplit;
        int visited = 0, informative = 0;
        int bestFeature = -1, bestBin = -1, bestNext = -1;
        double bestProxy = double.NegativeInfinity;
        bool small = (end - start) * 4 < BinnedFeatures.MaximumBins;
        for (int drawn = 0; drawn < features && (visited < wanted || informative == 0); drawn++)
        {
            int pick = random.Next(drawn, features);
            (_featureOrder[drawn], _featureOrder[pick]) = (_featureOrder[pick], _featureOrder[drawn]);
            int feature = _featureOrder[drawn];
            visited++;
            var (constant, bin, next, proxy) = small ? ScanSparse(feature, start, end) : ScanDense(feature, start, end);
            if (constant)
            {
                continue;
            }

            informative++;
            if (bin >= 0 && proxy > bestProxy)
            {
                bestProxy = proxy;
                bestFeature = feature;
                bestBin = bin;
                bestNext = next;
            }
        }

        return (bestFeature, bestBin, bestNext, bestProxy);
    }

    /// <summary>Histogram of one feature over a node, every bin.</summary>
    private (bool Constant, int Bin, int NextBin, double Proxy) ScanDense(int feature, int start, int end)
    {
        var column = _x.Columns[feature];
        int bins = _x.BinCount(feature);
        var histogram = _histogram.AsSpan(0, bins * _slots);
        var counts = _binCounts.AsSpan(0, bins);
        Fill(column, start, end);
        var result = ScanBins(counts, histogram, end - start, default);
        histogram.Clear();
        counts.Clear();
        return result;
    }

    /// <summary>Histogram of one feature over a small node: only the bins its rows touch are visited and cleared.</summary>
    private (bool Constant, int Bin, int NextBin, double Proxy) ScanSparse(int feature, int start, int end)
    {
        var column = _x.Columns[feature];
        var rows = _rows;
        var weight = _weight;
        var counts = _binCounts;
        var histogram = _histogram;
        var touchedBins = _touched;
        int slots = _slots;
        int touched = 0;
        for (int p = start; p < end; p++)
        {
            int b = column[rows[p]];
            if (counts[b]++ == 0)
            {
                touchedBins[touched++] = b;
            }

            if (_classification)
            {
                histogram[(b * slots) + _label[p]] += weight[p];
            }
            else
            {
                histogram[2 * b] += weight[p];
                histogram[(2 * b) + 1] += weight[p] * _target[p];
            }
        }

        var order = touchedBins.AsSpan(0, touched);
        order.Sort();
        var result = ScanBins(counts, histogram, end - start, order);
        foreach (int b in order)
        {
            counts[b] = 0;
            histogram.AsSpan(b * slots, slots).Clear();
        }

        return result;
    }

    /// <summary>Adds the node's rows of one column into the histogram (and bin counts).</summary>
    private void Fill(byte[] column, int start, int end)
    {
        var rows = _rows;
        var weight = _weight;
        var histogram = _histogram;
        var counts = _binCounts;
        if (_classification)
        {
            var label = _label;
            int slots = _slots;
            for (int p = start; p < end; p++)
            {
                int b = column[rows[p]];
                histogram[(b * slots) + label[p]] += weight[p];
                counts[b]++;
            }
        }
        else
        {
            var target = _target;
            for (int p = start; p < end; p++)
            {
                int b = column[rows[p]];
                double w = weight[p];
                histogram[2 * b] += w;
                histogram[(2 * b) + 1] += w * target[p];
                counts[b]++;
            }
        }
    }

    /// <summary>
    /// Walks the non-empty bins in order, moving each to the left side, and keeps the best
    /// valid cut (at least MinimumSamplesPerLeaf distinct rows a side), with the first non-empty
    /// bin after it, between which the threshold goes.
    /// </summary>
    private (bool Constant, int Bin, int NextBin, double Proxy) ScanBins(Span<int> counts, Span<double> histogram, int n, ReadOnlySpan<int> order)
    {
        var left = _left.AsSpan();
        left.Clear();
        Span<double> rightSums = stackalloc double[_slots];
        var total = _total;
        double totalWeight = _classification ? Sum(total) : total[0];
        int minimumLeaf = _settings.MinimumSamplesPerLeaf;
        int leftRows = 0;
        int best = -1, next = -1;
        bool awaitingNext = false;
        double bestProxy = double.NegativeInfinity;
        bool dense = order.IsEmpty;
        int length = dense ? counts.Length : order.Length;
        bool first = true;
        for (int i = 0; i < length; i++)
        {
            int b = dense ? i : order[i];
            int count = counts[b];
            if (count == 0)
            {
                continue;
            }

            if (first && count == n)
            {
                return (true, -1, -1, 0);
            }

            first = false;
            if (awaitingNext)
            {
                next = b;
                awaitingNext = false;
            }

            leftRows += count;
            var slots = histogram.Slice(b * _slots, _slots);
            for (int s = 0; s < _slots; s++)
            {
                left[s] += slots[s];
            }

            int rightRows = n - leftRows;
            if (rightRows == 0 || rightRows < minimumLeaf)
            {
                break;
            }

            if (leftRows < minimumLeaf)
            {
                continue;
            }

            double leftWeight = _classification ? Sum(left) : left[0];
            for (int s = 0; s < _slots; s++)
            {
                rightSums[s] = total[s] - left[s];
            }

            double proxy = Proxy(left, leftWeight) + Proxy(rightSums, totalWeight - leftWeight);
            if (proxy > bestProxy)
            {
                bestProxy = proxy;
                best = b;
                awaitingNext = true;
            }
        }

        return best < 0 ? (false, -1, -1, 0) : (false, best, next, bestProxy);
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>Moves the node's rows with bin ≤ <paramref name="bin"/> to the front; returns where the right side starts.</summary>
    private int Partition(int start, int end, byte[] column, int bin)
    {
        int i = start, j = end - 1;
        var rows = _rows;
        while (i <= j)
        {
            if (column[rows[i]] <= bin)
            {
                i++;
                continue;
            }

            (rows[i], rows[j]) = (rows[j], rows[i]);
            (_weight[i], _weight[j]) = (_weight[j], _weight[i]);
            if (_classification)
            {
                (_label[i], _label[j]) = (_label[j], _label[i]);
            }
            else
            {
                (_target[i], _target[j]) = (_target[j], _target[i]);
            }

            j--;
        }

        return i;
    }

    /// <summary>Turns node sums into probabilities or means and trims the arrays.</summary>
    private DecisionTree Finish()
    {
        int nodes = _nodes;
        var values = new double[nodes * _outputs];
        for (int node = 0; node < nodes; node++)
        {
            double cover = _cover[node];
            for (int k = 0; k < _outputs; k++)
            {
                values[(node * _outputs) + k] = cover > 0 ? _values[(node * _outputs) + k] / cover : 0;
            }
        }

        return new DecisionTree(_outputs, _feature[..nodes], _threshold[..nodes], _leftChild[..nodes], values, _cover[..nodes], _importance);
    }

    /// <summary>A node waiting to be split: its rows, depth and chosen split (Feature −1: a leaf).</summary>
    private readonly record struct Candidate(int Node, int Start, int End, int Depth)
    {
        public int Feature { get; init; } = -1;

        /// <summary>Last bin sent left.</summary>
        public int Bin { get; init; } = -1;

        /// <summary>First non-empty bin on the right.</summary>
        public int NextBin { get; init; } = -1;

        public double Improvement { get; init; }
    }
}
