namespace Galen.Learn.Trees;

/// <summary>
/// One fitted tree in flat arrays, node 0 the root. An internal node sends a row left when its
/// value of <see cref="Feature"/> is ≤ <see cref="Threshold"/> (a missing value, NaN, goes
/// right), and its children sit next to each other: left at <see cref="Left"/>, right one after.
/// Every node, internal ones included, keeps its output (class probabilities, or the mean
/// target) and its cover (weighted training rows), which path contributions and TreeSHAP read.
/// </summary>
internal sealed class DecisionTree
{
    public DecisionTree(int outputs, int[] feature, float[] threshold, int[] left, double[] values, double[] cover, double[] importances)
    {
        Outputs = outputs;
        Feature = feature;
        Threshold = threshold;
        Left = left;
        Values = values;
        Cover = cover;
        Importances = importances;
    }

    /// <summary>Outputs per node: classes for classification, 1 for regression.</summary>
    public int Outputs { get; }

    public int Nodes => Feature.Length;

    /// <summary>Split feature per node; −1 marks a leaf.</summary>
    public int[] Feature { get; }

    public float[] Threshold { get; }

    /// <summary>Index of the left child (the right child is the next index); 0 for a leaf.</summary>
    public int[] Left { get; }

    /// <summary>Nodes × outputs: class probabilities or the weighted mean target.</summary>
    public double[] Values { get; }

    /// <summary>Weighted training rows (bootstrap counts × sample weights) that reached each node.</summary>
    public double[] Cover { get; }

    /// <summary>Per feature, the weighted impurity decrease of every split on it (scikit-learn's MDI, unnormalised).</summary>
    public double[] Importances { get; }

    public int Depth
    {
        get
        {
            var depth = new int[Nodes];
            int deepest = 0;
            for (int node = 0; node < Nodes; node++)
            {
                deepest = Math.Max(deepest, depth[node]);
                if (Feature[node] >= 0)
                {
                    depth[Left[node]] = depth[Left[node] + 1] = depth[node] + 1;
                }
            }

            return deepest;
        }
    }

    public int Leaves => Feature.Count(f => f < 0);

    /// <summary>The leaf one row (its preprocessed feature values) falls into.</summary>
    public int LeafOf(ReadOnlySpan<float> row)
    {
        var feature = Feature;
        var threshold = Threshold;
        var left = Left;
        int node = 0;
        int f;
        while ((f = feature[node]) >= 0)
        {
            node = row[f] <= threshold[node] ? left[node] : left[node] + 1;
        }

        return node;
    }
}
