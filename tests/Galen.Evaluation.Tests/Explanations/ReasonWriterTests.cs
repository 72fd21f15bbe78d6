using Galen.Core.Explaining;
using Galen.Core.Learning;
using Galen.Evaluation.Explanations;

namespace Galen.Evaluation.Tests.Explanations;

public sealed class ReasonWriterTests
{
    [Fact]
    public void Top_reasons_are_ordered_by_size_and_worded_with_name_value_unit_and_direction()
    {
        FeatureSpec[] features =
        [
            new("lab_cr_last", "last creatinine", FeatureKind.Numeric, "mg/dL"),
            new("age", "age", FeatureKind.Numeric, "years"),
            new("dx_diabetes", "diabetes", FeatureKind.Binary),
            new("lab_lactate_last", "last lactate", FeatureKind.Numeric, "mmol/L"),
        ];
        var inputs = new FeatureMatrix(features, [2.3f, 67f, 1f, float.NaN]);
        var contributions = new FeatureContributions(features, [0.9, -0.4, 0.1, 0.6], [-1.2], "log-odds", "exact (linear model)");

        var reasons = ReasonWriter.TopReasons(inputs, 0, contributions, count: 3, outcome: "the risk of death");

        Assert.Equal(
            ["last creatinine 2.3 mg/dL raises the risk of death", "last lactate not recorded raises the risk of death", "age 67 years lowers the risk of death"],
            reasons.Select(r => r.Text));
        Assert.Equal("diabetes: yes", ReasonWriter.Describe(features[2], 1f));
    }
}
