namespace Galen.Core.Learning;

/// <summary>
/// True targets, samples × <see cref="LabelSchema.Width"/>, row-major. Binary: 0 or 1.
/// Multiclass: the class index. Multi-label: 0 or 1 per label. Regression: the value.
/// </summary>
public sealed class TargetMatrix
{
    private readonly float[] _values;

    public TargetMatrix(LabelSchema schema, float[] values)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(values);
        int width = schema.Kind == LabelKind.Multiclass ? 1 : schema.Width;
        if (width == 0 && values.Length == 0)
        {
            // A multi-label task whose label space is empty (e.g. no drug has an ATC code) has no samples.
            Schema = schema;
            _values = values;
            return;
        }

        if (width == 0 || values.Length % width != 0)
        {
            throw new ArgumentException($"{values.Length} target values do not fill rows of width {width} for {schema.Name}.", nameof(values));
        }

        Schema = schema;
        _values = values;
        Width = width;
        Rows = values.Length / width;
    }

    public LabelSchema Schema { get; }

    public int Rows { get; }

    /// <summary>Values per sample: 1, except K for multi-label.</summary>
    public int Width { get; }

    public ReadOnlySpan<float> Values => _values;

    public ReadOnlySpan<float> Row(int row) => _values.AsSpan(row * Width, Width);

    /// <summary>Binary targets as booleans (value 1 is positive).</summary>
    public bool[] AsBinary()
    {
        if (Schema.Kind != LabelKind.Binary)
        {
            throw new InvalidOperationException($"{Schema.Name} is {Schema.Kind}, not binary.");
        }

        return Array.ConvertAll(_values, v => v >= 0.5f);
    }

    public TargetMatrix Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var values = new float[rows.Count * Width];
        for (int i = 0; i < rows.Count; i++)
        {
            Row(rows[i]).CopyTo(values.AsSpan(i * Width, Width));
        }

        return new TargetMatrix(Schema, values);
    }
}
