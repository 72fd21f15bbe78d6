namespace Galen.Core.Learning;

/// <summary>
/// A model's outputs, samples × <see cref="LabelSchema.Width"/>, row-major, in double
/// precision. Binary: P(positive). Multiclass: K probabilities. Multi-label: K probabilities.
/// Regression: the predicted value.
/// </summary>
public sealed class Predictions
{
    private readonly double[] _values;

    public Predictions(LabelSchema schema, double[] values)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length % schema.Width != 0)
        {
            throw new ArgumentException($"{values.Length} predictions do not fill rows of width {schema.Width} for {schema.Name}.", nameof(values));
        }

        Schema = schema;
        _values = values;
        Rows = values.Length / schema.Width;
    }

    public LabelSchema Schema { get; }

    public int Rows { get; }

    public int Width => Schema.Width;

    public ReadOnlySpan<double> Values => _values;

    public ReadOnlySpan<double> Row(int row) => _values.AsSpan(row * Width, Width);

    public Predictions Select(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var values = new double[rows.Count * Width];
        for (int i = 0; i < rows.Count; i++)
        {
            Row(rows[i]).CopyTo(values.AsSpan(i * Width, Width));
        }

        return new Predictions(Schema, values);
    }
}
