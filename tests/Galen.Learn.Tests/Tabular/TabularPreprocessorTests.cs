using Galen.Core.Learning;
using Galen.Learn.Tabular;

namespace Galen.Learn.Tests.Tabular;

public sealed class TabularPreprocessorTests
{
    private static readonly FeatureSpec[] Features = [new("lactate", "lactate", FeatureKind.Numeric, "mmol/L"), new("diabetes", "diabetes", FeatureKind.Binary)];

    [Fact]
    public void Statistics_come_from_the_training_rows_only()
    {
        var train = new FeatureMatrix(Features, [1, 0, 3, 1, float.NaN, 0, 2, 1]);
        var other = new FeatureMatrix(Features, [100, 0, float.NaN, 1]);
        var fitted = new TabularPreprocessor(standardize: true).FitTabular(train);

        Assert.Equal(2f, fitted.Medians[0]);
        var transformed = fitted.Transform(other);

        // lactate: imputed with the training median 2, standardised with training mean 2 and sd sqrt(0.5).
        Assert.Equal((100 - 2) / MathF.Sqrt(0.5f), transformed[0, 0], 4);
        Assert.Equal(0f, transformed[1, 0], 6);

        // Binary columns are not scaled; a missing indicator is added for lactate only.
        Assert.Equal(1f, transformed[1, 1]);
        Assert.Equal(["lactate", "diabetes", "lactate_missing"], fitted.OutputFeatures.Select(f => f.Name));
        Assert.Equal([0f, 1f], new[] { transformed[0, 2], transformed[1, 2] });
    }

    [Fact]
    public void Columns_in_another_order_are_rejected_with_the_column_named()
    {
        var fitted = new TabularPreprocessor(standardize: false).FitTabular(new FeatureMatrix(Features, [1, 0]));
        var swapped = new FeatureMatrix([Features[1], Features[0]], [0, 1]);
        var error = Assert.Throws<Core.Errors.GalenInputException>(() => fitted.Transform(swapped));
        Assert.Contains("Feature 1 is 'diabetes' but the model expects 'lactate'", error.Message, StringComparison.Ordinal);
    }
}
