using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Evaluation.Explanations;
using Galen.Learn.Tabular;
using Galen.Learn.Trainers;

namespace Galen.Learn.Tests.Tabular;

public sealed class TabularModelTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "galen-learn-tests-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Names => [.. TrainerCatalog.Names];

    private static BundleManifest Manifest(LabelledSet<FeatureMatrix> data) => new()
    {
        FormatVersion = 0,
        Family = string.Empty,
        FamilyVersion = 0,
        Name = "test",
        Description = "test",
        Schema = data.Targets.Schema,
        Features = data.Inputs.Features,
        CreatedUtc = DateTime.UtcNow,
        GalenVersion = ModelBundle.GalenVersion,
        TrainingData = DataFingerprint.Of(data),
    };

    private double[] RoundTrip(IModel<FeatureMatrix> model, LabelledSet<FeatureMatrix> data, FeatureMatrix inputs)
    {
        Directory.CreateDirectory(_folder);
        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ModelBundle.Extension);
        ModelBundle.Save(path, model, Manifest(data), [new TabularModelCodec()]);
        return ModelBundle.Load(path, [new TabularModelCodec()]).ModelFor<FeatureMatrix>().Predict(inputs).Values.ToArray();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_saved_bundle_reloads_and_predicts_identically(string name)
    {
        var train = Synthetic.Binary(400, 1, missing: 0.1);
        var test = Synthetic.Binary(100, 2, missing: 0.1);
        var model = TrainerCatalog.Create(name).Fit(train);

        Assert.Equal(model.Predict(test.Inputs).Values.ToArray(), RoundTrip(model, train, test.Inputs));
    }

    [Fact]
    public void Multiclass_multi_label_and_regression_bundles_reload_identically()
    {
        var multiclass = Synthetic.Multiclass(300, 3);
        var multiLabel = Synthetic.MultiLabel(300, 4);
        var regression = Synthetic.Regression(300, 5);
        var m1 = new LightGbmTrainer().Fit(multiclass);
        var m2 = new FastTreeTrainer().Fit(multiLabel);
        var m3 = new LogisticRegressionTrainer().Fit(regression);

        Assert.Equal(m1.Predict(multiclass.Inputs).Values.ToArray(), RoundTrip(m1, multiclass, multiclass.Inputs));
        Assert.Equal(m2.Predict(multiLabel.Inputs).Values.ToArray(), RoundTrip(m2, multiLabel, multiLabel.Inputs));
        Assert.Equal(m3.Predict(regression.Inputs).Values.ToArray(), RoundTrip(m3, regression, regression.Inputs));
    }

    [Theory]
    [InlineData("logreg", "exact (linear model)")]
    [InlineData("svm", "exact (linear model)")]
    [InlineData("forest", TabularModel.ForestContributionMethod)]
    [InlineData("fastforest", "ML.NET tree feature contributions")]
    [InlineData("lightgbm", "ML.NET tree feature contributions")]
    [InlineData("fasttree", "ML.NET tree feature contributions")]
    public void Contributions_add_up_to_the_score_and_name_the_real_drivers(string name, string method)
    {
        var train = Synthetic.Binary(1500, 6, missing: 0.1);
        var model = (TabularModel)TrainerCatalog.Create(name).Fit(train);
        var rows = train.Inputs.Select(Enumerable.Range(0, 50).ToArray());

        var contributions = model.Explain(rows);
        Assert.Equal(method, contributions.Method);
        Assert.Equal(4, contributions.Features.Count);

        // Age and creatinine drive the generator's risk; either should dominate. Linear models give noise
        // the least; boosted trees fitted on 1,500 noisy rows do split on it.
        var meanAbs = Enumerable.Range(0, 4).Select(j => Enumerable.Range(0, 50).Average(i => Math.Abs(contributions.Row(i)[j]))).ToArray();
        Assert.Contains(Array.IndexOf(meanAbs, meanAbs.Max()), new[] { 0, 1 });
        if (method.StartsWith("exact", StringComparison.Ordinal))
        {
            Assert.True(meanAbs[3] < Math.Min(meanAbs[0], meanAbs[1]), string.Join(", ", meanAbs));
        }

        var reasons = ReasonWriter.TopReasons(rows, 0, contributions, 2, "the risk of death");
        Assert.Equal(2, reasons.Count);
        Assert.All(reasons, r => Assert.Matches("(raises|lowers) the risk of death$", r.Text));
    }

    [Fact]
    public void Logistic_regression_contributions_are_exact_in_log_odds()
    {
        var train = Synthetic.Binary(800, 7);
        var model = (TabularModel)new LogisticRegressionTrainer().Fit(train);
        var rows = train.Inputs.Select([0, 1, 2, 3, 4]);
        var contributions = model.Explain(rows);
        var p = model.Predict(rows).Values.ToArray();

        for (int i = 0; i < 5; i++)
        {
            double logOdds = contributions.Baselines[i] + contributions.Row(i).ToArray().Sum();
            Assert.Equal(Math.Log(p[i] / (1 - p[i])), logOdds, 3);
        }
    }

    [Fact]
    public void The_kernel_svm_says_it_cannot_explain_single_predictions()
    {
        var model = (TabularModel)new FourierSvmTrainer(new FourierSvmOptions { Components = 50 }).Fit(Synthetic.Binary(300, 8));
        Assert.False(model.CanExplain);
        Assert.Throws<Core.Errors.GalenConfigurationException>(() => model.Explain(Synthetic.Binary(5, 9).Inputs));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
