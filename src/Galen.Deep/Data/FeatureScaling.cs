using System.Globalization;
using Galen.Core.Errors;
using Galen.Core.Learning;

namespace Galen.Deep.Data;

/// <summary>
/// Standardisation of tabular features learned from training rows only: each column is
/// centred on its training mean and divided by its training standard deviation, and a missing
/// value (NaN) becomes 0, the training mean. Saved with the model so predictions see the same
/// transform.
/// </summary>
/// <param name="Features">The training columns, in order; inputs must match them.</param>
/// <param name="Means">Training mean of each column over its observed values.</param>
/// <param name="Scales">Training standard deviation of each column (1 where it is 0 or unknown).</param>
public sealed record FeatureScaling(IReadOnlyList<FeatureSpec> Features, IReadOnlyList<float> Means, IReadOnlyList<float> Scales)
{
    /// <summary>Learns the scaling from the training rows.</summary>
    public static FeatureScaling Fit(FeatureMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        int columns = train.Columns;
        var sums = new double[columns];
        var squares = new double[columns];
        var counts = new long[columns];
        for (int r = 0; r < train.Rows; r++)
        {
            var row = train.Row(r);
            for (int c = 0; c < columns; c++)
            {
                float value = row[c];
                if (float.IsNaN(value))
                {
                    continue;
                }

                if (float.IsInfinity(value))
                {
                    throw InfiniteValue("training features", r, train.Features[c].Name, value);
                }

                sums[c] += value;
                squares[c] += (double)value * value;
                counts[c]++;
            }
        }

        var means = new float[columns];
        var scales = new float[columns];
        for (int c = 0; c < columns; c++)
        {
            double mean = counts[c] == 0 ? 0 : sums[c] / counts[c];
            double variance = counts[c] < 2 ? 0 : Math.Max(0, (squares[c] / counts[c]) - (mean * mean));
            means[c] = (float)mean;
            scales[c] = variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f;
        }

        return new FeatureScaling(train.Features.ToArray(), means, scales);
    }

    /// <summary>
    /// Scales <paramref name="rows"/>, which must have the training columns in the training
    /// order (checked by name).
    /// </summary>
    public ScaledFeatures Encode(FeatureMatrix rows, string source = "features")
    {
        ArgumentNullException.ThrowIfNull(rows);
        CheckColumns(rows, source);
        int columns = Features.Count;
        var values = new float[rows.Rows * columns];
        var input = rows.Values;
        for (int i = 0; i < values.Length; i++)
        {
            float value = input[i];
            int c = i % columns;
            if (float.IsInfinity(value))
            {
                throw InfiniteValue(source, i / columns, Features[c].Name, value);
            }

            values[i] = float.IsNaN(value) ? 0f : (value - Means[c]) / Scales[c];
        }

        return new ScaledFeatures(values, rows.Rows, columns);
    }

    private void CheckColumns(FeatureMatrix rows, string source)
    {
        if (rows.Columns != Features.Count)
        {
            throw new GalenInputException(
                $"The model was trained on {Features.Count} features but these rows have {rows.Columns}.",
                new SourceLocation(source, Field: "columns", Value: rows.Columns.ToString(CultureInfo.InvariantCulture)),
                "Build the rows with the same featurizer as the training rows.");
        }

        for (int c = 0; c < rows.Columns; c++)
        {
            if (rows.Features[c].Name != Features[c].Name)
            {
                throw new GalenInputException(
                    $"Column {c} is '{rows.Features[c].Name}' but the model was trained with '{Features[c].Name}' there.",
                    new SourceLocation(source, Field: rows.Features[c].Name),
                    "Build the rows with the same featurizer as the training rows.");
            }
        }
    }

    private static GalenInputException InfiniteValue(string source, int row, string column, float value) =>
        new($"Row {row} has an infinite value.", new SourceLocation(source, row + 1, column, value.ToString(CultureInfo.InvariantCulture)), "Use NaN for a missing value.");
}
