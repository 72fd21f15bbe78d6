using Galen.Core.Learning;

namespace Galen.Learn.Tabular;

/// <summary>
/// The learned state of <see cref="TabularPreprocessor"/>: per input column its training median,
/// mean and scale, and which columns get a missing-value indicator. A plain record, so bundles
/// store it as JSON.
/// </summary>
/// <param name="InputFeatures">Columns expected, in order.</param>
/// <param name="Medians">Imputation value per input column.</param>
/// <param name="Means">Subtracted after imputation (0 when not standardised).</param>
/// <param name="Scales">Divided by after centring (1 when not standardised).</param>
/// <param name="IndicatorColumns">Input columns that get an added 0/1 missing indicator, in output order.</param>
public sealed record FittedTabularPreprocessor(
    IReadOnlyList<FeatureSpec> InputFeatures,
    IReadOnlyList<float> Medians,
    IReadOnlyList<float> Means,
    IReadOnlyList<float> Scales,
    IReadOnlyList<int> IndicatorColumns) : IFittedFeaturizer
{
    public IReadOnlyList<FeatureSpec> OutputFeatures { get; } =
        [.. InputFeatures, .. IndicatorColumns.Select(j => new FeatureSpec(InputFeatures[j].Name + "_missing", InputFeatures[j].DisplayName + " not recorded", FeatureKind.Binary))];

    /// <summary>For each output column, the input column it comes from (for explanations).</summary>
    public IReadOnlyList<int> SourceColumns => [.. Enumerable.Range(0, InputFeatures.Count), .. IndicatorColumns];

    public FeatureMatrix Transform(FeatureMatrix rows) => new(OutputFeatures, TransformValues(rows));

    /// <summary>The transformed rows as a fresh row-major array (what <see cref="Transform"/> wraps).</summary>
    internal float[] TransformValues(FeatureMatrix rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        CheckColumns(rows);
        int inputs = InputFeatures.Count;
        int outputs = inputs + IndicatorColumns.Count;
        var values = new float[rows.Rows * outputs];
        var source = rows.Values;

        // Plain arrays: this loop runs once per value of every row scored.
        var medians = Medians.ToArray();
        var means = Means.ToArray();
        var scales = Scales.ToArray();
        var indicators = IndicatorColumns.ToArray();
        for (int i = 0; i < rows.Rows; i++)
        {
            int from = i * inputs;
            int to = i * outputs;
            for (int j = 0; j < inputs; j++)
            {
                float v = source[from + j];
                values[to + j] = ((float.IsNaN(v) ? medians[j] : v) - means[j]) / scales[j];
            }

            for (int k = 0; k < indicators.Length; k++)
            {
                values[to + inputs + k] = float.IsNaN(source[from + indicators[k]]) ? 1 : 0;
            }
        }

        return values;
    }

    private void CheckColumns(FeatureMatrix rows)
    {
        if (rows.Columns != InputFeatures.Count)
        {
            throw new Core.Errors.GalenInputException(
                $"The model expects {InputFeatures.Count} features but the data has {rows.Columns}.",
                remedy: "Give the model the same feature columns it was trained on.");
        }

        for (int j = 0; j < rows.Columns; j++)
        {
            if (rows.Features[j].Name != InputFeatures[j].Name)
            {
                throw new Core.Errors.GalenInputException(
                    $"Feature {j + 1} is '{rows.Features[j].Name}' but the model expects '{InputFeatures[j].Name}' there.",
                    new Core.Errors.SourceLocation("features", null, rows.Features[j].Name),
                    "Give the model the same feature columns, in the same order, it was trained on.");
            }
        }
    }
}
