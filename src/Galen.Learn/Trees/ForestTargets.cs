namespace Galen.Learn.Trees;

/// <summary>
/// What the trees learn, per training row: a class index (classification) or a value
/// (regression), with an optional sample weight (e.g. balanced class weights).
/// </summary>
internal sealed class ForestTargets
{
    private ForestTargets(int[]? classes, int classCount, float[]? values, float[]? weights)
    {
        Classes = classes;
        ClassCount = classCount;
        Values = values;
        Weights = weights;
    }

    /// <summary>Class per row (classification), else null.</summary>
    public int[]? Classes { get; }

    /// <summary>Classes (0 for regression).</summary>
    public int ClassCount { get; }

    /// <summary>Target per row (regression), else null.</summary>
    public float[]? Values { get; }

    /// <summary>Sample weight per row, or null for all 1.</summary>
    public float[]? Weights { get; }

    public bool IsClassification => Classes is not null;

    public int Rows => Classes?.Length ?? Values!.Length;

    /// <summary>Outputs per tree node: class probabilities, or one mean.</summary>
    public int Outputs => IsClassification ? ClassCount : 1;

    public static ForestTargets Classification(int[] classes, int classCount, float[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        foreach (int c in classes)
        {
            if ((uint)c >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(classes), c, $"A class index is outside 0..{classCount - 1}.");
            }
        }

        CheckWeights(weights, classes.Length);
        return new ForestTargets(classes, classCount, null, weights);
    }

    public static ForestTargets Regression(float[] values, float[]? weights = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckWeights(weights, values.Length);
        return new ForestTargets(null, 0, values, weights);
    }

    private static void CheckWeights(float[]? weights, int rows)
    {
        if (weights is not null && weights.Length != rows)
        {
            throw new ArgumentException($"{weights.Length} weights for {rows} rows.", nameof(weights));
        }
    }
}
