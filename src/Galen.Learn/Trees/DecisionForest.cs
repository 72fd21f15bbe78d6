namespace Galen.Learn.Trees;

/// <summary>
/// A fitted random forest: its prediction is the mean over trees of each tree's leaf output
/// (class frequencies in the leaf for classification, as scikit-learn's <c>predict_proba</c>;
/// the leaf mean for regression). Reads preprocessed rows (no missing values: the tabular
/// preprocessing imputes them). Immutable and safe to use from several threads.
/// </summary>
public sealed class DecisionForest
{
    private const int FormatVersion = 1;
    private static readonly byte[] Magic = "GFOREST"u8.ToArray();

    internal DecisionForest(int features, int classes, IReadOnlyList<DecisionTree> trees)
    {
        Features = features;
        Classes = classes;
        Trees = trees;
    }

    /// <summary>Input columns each row must have.</summary>
    public int Features { get; }

    /// <summary>Classes for a classification forest, 0 for regression.</summary>
    public int Classes { get; }

    public bool IsClassification => Classes > 0;

    /// <summary>Values predicted per row: one probability per class, or one value.</summary>
    public int Outputs => IsClassification ? Classes : 1;

    public int TreeCount => Trees.Count;

    internal IReadOnlyList<DecisionTree> Trees { get; }

    /// <summary>Total nodes over all trees.</summary>
    public long Nodes => Trees.Sum(t => (long)t.Nodes);

    /// <summary>Deepest tree's depth.</summary>
    public int MaximumDepth => Trees.Count == 0 ? 0 : Trees.Max(t => t.Depth);

    /// <summary>
    /// Predictions for row-major <paramref name="rows"/> (n × <see cref="Features"/>): n ×
    /// <see cref="Outputs"/> values. Large inputs are scored in parallel blocks; each row's sum
    /// over trees runs in tree order, so the result never depends on how rows were split up.
    /// </summary>
    public double[] Predict(ReadOnlyMemory<float> rows)
    {
        int n = RowCount(rows.Length);
        var output = new double[n * Outputs];
        const int Block = 256;
        int blocks = (n + Block - 1) / Block;
        if (n >= 8 * Block)
        {
            Parallel.For(0, blocks, b => PredictBlock(rows.Span, output, b * Block, Math.Min(n, (b + 1) * Block)));
        }
        else
        {
            PredictBlock(rows.Span, output, 0, n);
        }

        return output;
    }

    /// <summary>
    /// Mean decrease in impurity per feature (scikit-learn's <c>feature_importances_</c>): each
    /// tree's weighted impurity decreases normalised to sum to 1, averaged over trees with at
    /// least one split, normalised again.
    /// </summary>
    public double[] ImpurityImportances()
    {
        var mean = new double[Features];
        int counted = 0;
        foreach (var tree in Trees)
        {
            double total = tree.Importances.Sum();
            if (tree.Nodes <= 1 || total <= 0)
            {
                continue;
            }

            counted++;
            for (int j = 0; j < Features; j++)
            {
                mean[j] += tree.Importances[j] / total;
            }
        }

        double sum = mean.Sum();
        for (int j = 0; j < Features && counted > 0 && sum > 0; j++)
        {
            mean[j] /= sum;
        }

        return mean;
    }

    /// <summary>
    /// Path contributions (Saabas) of each feature to output <paramref name="output"/> for each
    /// row: along a row's path in every tree, the change in the node output at each split is
    /// credited to the split's feature; averaged over trees. The baseline is the mean root output
    /// (the bootstrap prior), so baseline + Σ contributions equals the prediction exactly.
    /// </summary>
    /// <returns>Rows × features contributions and one baseline per row.</returns>
    public (double[] Contributions, double[] Baselines) PathContributions(ReadOnlySpan<float> rows, int output)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(output, Outputs);
        int n = RowCount(rows.Length);
        int width = Outputs;
        var contributions = new double[n * Features];
        var baselines = new double[n];
        double baseline = 0;
        foreach (var tree in Trees)
        {
            baseline += tree.Values[output];
        }

        baseline /= Math.Max(1, Trees.Count);
        double scale = 1.0 / Math.Max(1, Trees.Count);
        for (int i = 0; i < n; i++)
        {
            var row = rows.Slice(i * Features, Features);
            var into = contributions.AsSpan(i * Features, Features);
            foreach (var tree in Trees)
            {
                int node = 0;
                int f;
                while ((f = tree.Feature[node]) >= 0)
                {
                    int child = row[f] <= tree.Threshold[node] ? tree.Left[node] : tree.Left[node] + 1;
                    into[f] += (tree.Values[(child * width) + output] - tree.Values[(node * width) + output]) * scale;
                    node = child;
                }
            }

            baselines[i] = baseline;
        }

        return (contributions, baselines);
    }

    /// <summary>Writes the forest in Galen's binary forest format (little-endian).</summary>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Features);
        writer.Write(Classes);
        writer.Write(Trees.Count);
        foreach (var tree in Trees)
        {
            writer.Write(tree.Nodes);
            Write(writer, tree.Feature);
            Write(writer, tree.Threshold);
            Write(writer, tree.Left);
            Write(writer, tree.Values);
            Write(writer, tree.Cover);
            Write(writer, tree.Importances);
        }
    }

    /// <summary>Reads a forest written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not a forest, a version this build does not read, or is damaged.</exception>
    public static DecisionForest Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("not a Galen forest (wrong header)");
            }

            int version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"forest format version {version}; this Galen reads version {FormatVersion}");
            }

            int features = reader.ReadInt32();
            int classes = reader.ReadInt32();
            int count = reader.ReadInt32();
            if (features < 1 || classes < 0 || classes == 1 || count < 0)
            {
                throw new InvalidDataException($"impossible forest header ({features} features, {classes} classes, {count} trees)");
            }

            int outputs = classes > 0 ? classes : 1;
            var trees = new DecisionTree[count];
            for (int t = 0; t < count; t++)
            {
                int nodes = reader.ReadInt32();
                var feature = ReadInts(reader, nodes);
                var threshold = ReadFloats(reader, nodes);
                var left = ReadInts(reader, nodes);
                var values = ReadDoubles(reader, checked(nodes * outputs));
                var cover = ReadDoubles(reader, nodes);
                var importances = ReadDoubles(reader, features);
                for (int node = 0; node < nodes; node++)
                {
                    if (feature[node] >= features || (feature[node] >= 0 && (left[node] <= node || left[node] + 1 >= nodes)))
                    {
                        throw new InvalidDataException($"tree {t} node {node} points outside the tree");
                    }
                }

                trees[t] = new DecisionTree(outputs, feature, threshold, left, values, cover, importances);
            }

            return new DecisionForest(features, classes, trees);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the forest data ends early", e);
        }
    }

    private void PredictBlock(ReadOnlySpan<float> rows, double[] output, int from, int to)
    {
        int width = Outputs;
        double scale = 1.0 / Math.Max(1, Trees.Count);
        foreach (var tree in Trees)
        {
            var values = tree.Values;
            for (int i = from; i < to; i++)
            {
                int leaf = tree.LeafOf(rows.Slice(i * Features, Features)) * width;
                for (int k = 0; k < width; k++)
                {
                    output[(i * width) + k] += values[leaf + k];
                }
            }
        }

        for (int i = from * width; i < to * width; i++)
        {
            output[i] *= scale;
        }
    }

    private int RowCount(int length)
    {
        if (length % Features != 0)
        {
            throw new ArgumentException($"{length} values do not fill rows of {Features} features.", nameof(length));
        }

        return length / Features;
    }

    private static void Write<T>(BinaryWriter writer, T[] values)
        where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Galen forests are written on little-endian machines.");
        }

        writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static T[] Read<T>(BinaryReader reader, int count)
        where T : unmanaged
    {
        if (count < 0)
        {
            throw new InvalidDataException("a negative array length");
        }

        var values = new T[count];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        for (int read = 0; read < bytes.Length;)
        {
            int got = reader.Read(bytes[read..]);
            read += got > 0 ? got : throw new EndOfStreamException();
        }

        return values;
    }

    private static int[] ReadInts(BinaryReader reader, int count) => Read<int>(reader, count);

    private static float[] ReadFloats(BinaryReader reader, int count) => Read<float>(reader, count);

    private static double[] ReadDoubles(BinaryReader reader, int count) => Read<double>(reader, count);
}
