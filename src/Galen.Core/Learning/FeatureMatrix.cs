namespace Galen.Core.Learning;

/// <summary>How a feature's values are to be read.</summary>
public enum FeatureKind
{
    /// <summary>A measured quantity.</summary>
    Numeric,

    /// <summary>0 or 1 (e.g. a diagnosis present, a one-hot level, a missingness indicator).</summary>
    Binary,

    /// <summary>A category code stored as a non-negative integer index.</summary>
    Categorical,
}

/// <summary>One column of a <see cref="FeatureMatrix"/>.</summary>
/// <param name="Name">Machine name, e.g. "lab_50912_last".</param>
/// <param name="DisplayName">Clinical words for explanations, e.g. "last creatinine".</param>
/// <param name="Kind">How to read the values.</param>
/// <param name="Unit">Unit of a numeric value, e.g. "mg/dL".</param>
public sealed record FeatureSpec(string Name, string DisplayName, FeatureKind Kind = FeatureKind.Numeric, string? Unit = null);

/// <summary>
/// Dense samples × features matrix of 32-bit floats, row-major; <see cref="float.NaN"/> marks a
/// missing value. Immutable by convention: transforms return new matrices.
/// </summary>
public sealed class FeatureMatrix : IInputs<FeatureMatrix>
{
    private readonly float[] _values;

    public FeatureMatrix(IReadOnlyList<FeatureSpec> features, float[] values)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(values);
        if (features.Count == 0 ? values.Length != 0 : values.Length % features.Count != 0)
        {
            throw new ArgumentException($"{values.Length} values do not fill rows of {features.Count} features.", nameof(values));
        }

        Features = features;
        _values = values;
        Columns = features.Count;
        Rows = Columns == 0 ? 0 : values.Length / Columns;
    }

    /// <summary>Column descriptions, in column order.</summary>
    public IReadOnlyList<FeatureSpec> Features { get; }

    public int Rows { get; }

    public int Columns { get; }

    int IInputs<FeatureMatrix>.Count => Rows;

    /// <summary>The row-major values (read-only view).</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>The values of one sample.</summary>
    public ReadOnlySpan<float> Row(int row) => _values.AsSpan(row * Columns, Columns);

    public float this[int row, int column] => _values[(row * Columns) + column];

    /// <summary>Index of the named feature, or -1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Columns; i++)
        {
            if (Features[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The given rows, in the given order.</summary>
    public FeatureMatrix Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var values = new float[rows.Count * Columns];
        for (int i = 0; i < rows.Count; i++)
        {
            Row(rows[i]).CopyTo(values.AsSpan(i * Columns, Columns));
        }

        return new FeatureMatrix(Features, values);
    }

    /// <summary>A copy of the row-major values, for libraries that need an array.</summary>
    public float[] ToArray() => (float[])_values.Clone();
}
