using Galen.Core.Learning;
using Galen.Evaluation.Importance;

namespace Galen.Evaluation.Tests.Importance;

public sealed class PermutationImportanceTests
{
    /// <summary>A fixed logistic model that uses only its first two features.</summary>
    private sealed class TwoFeatureModel : IModel<FeatureMatrix>
    {
        public LabelSchema Schema { get; } = LabelSchema.Binary("y", "outcome");

        public string Description => "fixed logistic model";

        public Predictions Predict(FeatureMatrix inputs)
        {
            var p = new double[inputs.Rows];
            for (int i = 0; i < inputs.Rows; i++)
            {
                p[i] = 1 / (1 + Math.Exp(-((2 * inputs[i, 0]) + (0.5 * inputs[i, 1]))));
            }

            return new Predictions(Schema, p);
        }
    }

    [Fact]
    public void A_feature_the_model_ignores_has_no_importance_and_the_strongest_comes_first()
    {
        var random = new Random(1);
        const int N = 1500;
        var values = new float[N * 3];
        var targets = new float[N];
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                values[(i * 3) + j] = (float)((random.NextDouble() * 4) - 2);
            }

            double risk = 1 / (1 + Math.Exp(-((2 * values[i * 3]) + (0.5 * values[(i * 3) + 1]))));
            targets[i] = random.NextDouble() < risk ? 1 : 0;
        }

        FeatureSpec[] features = [new("a", "A"), new("b", "B"), new("noise", "noise")];
        var data = new LabelledSet<FeatureMatrix>(
            new FeatureMatrix(features, values),
            new TargetMatrix(LabelSchema.Binary("y", "outcome"), targets),
            Enumerable.Range(0, N).Select(i => new SampleInfo("p" + i, "s" + i, null, new Dictionary<string, string>())).ToArray());

        var importance = PermutationImportance.Compute(new TwoFeatureModel(), data, new PermutationImportanceOptions(Repeats: 3, Seed: 4));

        Assert.Equal(["a", "b", "noise"], importance.Select(i => i.Feature.Name));
        Assert.Equal(0, importance[2].MeanDrop, 12);
        Assert.True(importance[0].MeanDrop > 0.2);
        Assert.True(importance[1].MeanDrop > 0.005);
    }
}
