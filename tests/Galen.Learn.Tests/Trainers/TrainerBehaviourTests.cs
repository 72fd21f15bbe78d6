using Galen.Core.Learning;
using Galen.Evaluation.Metrics;
using Galen.Learn.Tabular;
using Galen.Learn.Trainers;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Galen.Learn.Tests.Trainers;

public sealed class TrainerBehaviourTests
{
    public static TheoryData<string> Names => [.. TrainerCatalog.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_trainer_learns_a_binary_outcome_and_gives_probabilities(string name)
    {
        var train = Synthetic.Binary(1200, 1, missing: 0.1);
        var test = Synthetic.Binary(600, 2, missing: 0.1);
        var model = TrainerCatalog.Create(name).Fit(train);
        var p = model.Predict(test.Inputs).Values.ToArray();

        Assert.All(p, v => Assert.InRange(v, 0, 1));
        
        // The generator's own risks reach about 0.79 here; every family should get close.
        Assert.True(BinaryRanking.Auroc(test.Targets.AsBinary(), p) > 0.7, name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_trainer_handles_multiclass_with_rows_that_sum_to_one(string name)
    {
        var train = Synthetic.Multiclass(900, 3);
        var test = Synthetic.Multiclass(400, 4);
        var predictions = TrainerCatalog.Create(name).Fit(train).Predict(test.Inputs);

        for (int i = 0; i < predictions.Rows; i++)
        {
            Assert.Equal(1, predictions.Row(i).ToArray().Sum(), 5);
        }

        Assert.True(MulticlassScores.Accuracy(Scorecard.ClassIndices(test.Targets), predictions.Values, 3) > 0.55, name);
    }

    [Theory]
    [InlineData("logreg")]
    [InlineData("forest")]
    [InlineData("fastforest")]
    public void Multi_label_models_learn_each_label(string name)
    {
        var train = Synthetic.MultiLabel(900, 5);
        var test = Synthetic.MultiLabel(400, 6);
        var predictions = TrainerCatalog.Create(name).Fit(train).Predict(test.Inputs);

        Assert.Equal(3, predictions.Width);
        Assert.True(MultiLabelScores.MacroAuroc(test.Targets.Values, predictions.Values, 3) > 0.8);
    }

    [Theory]
    [InlineData("logreg")]
    [InlineData("forest")]
    [InlineData("lightgbm")]
    [InlineData("fasttree")]
    [InlineData("fastforest")]
    public void Regression_models_explain_most_of_the_variance(string name)
    {
        var train = Synthetic.Regression(1500, 7);
        var test = Synthetic.Regression(500, 8);
        var predictions = TrainerCatalog.Create(name).Fit(train).Predict(test.Inputs);
        var truth = test.Targets.Values.ToArray().Select(v => (double)v).ToArray();

        Assert.True(RegressionScores.R2(truth, predictions.Values) > 0.7, name);
    }

    [Fact]
    public void Svm_regression_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<Core.Errors.GalenConfigurationException>(() => TrainerCatalog.Create("svm").Fit(Synthetic.Regression(100, 1)));
        Assert.Contains("svm trainer does not do regression", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_gives_the_same_model()
    {
        var train = Synthetic.Binary(600, 9);
        var a = new RandomForestTrainer(new RandomForestOptions { Seed = 3, Trees = 20 }).Fit(train).Predict(train.Inputs).Values.ToArray();
        var b = new RandomForestTrainer(new RandomForestOptions { Seed = 3, Trees = 20 }).Fit(train).Predict(train.Inputs).Values.ToArray();
        var c = new RandomForestTrainer(new RandomForestOptions { Seed = 4, Trees = 20 }).Fit(train).Predict(train.Inputs).Values.ToArray();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Balanced_class_weights_raise_sensitivity_on_a_rare_outcome()
    {
        var random = new Random(10);
        var data = Synthetic.Binary(3000, 11);
        var rare = data.Select(Enumerable.Range(0, data.Count).Where(i => data.Targets.Row(i)[0] == 0 || random.NextDouble() < 0.15).ToArray());
        var plain = new LogisticRegressionTrainer().Fit(rare).Predict(rare.Inputs).Values.ToArray();
        var weighted = new LogisticRegressionTrainer(new LogisticRegressionOptions { ClassWeighting = ClassWeighting.Balanced }).Fit(rare).Predict(rare.Inputs).Values.ToArray();
        var labels = rare.Targets.AsBinary();

        double plainRecall = new BinaryOutcomes(labels, plain).Confusion(0.5).Recall;
        double weightedRecall = new BinaryOutcomes(labels, weighted).Confusion(0.5).Recall;
        Assert.True(weightedRecall > plainRecall + 0.2, $"recall {plainRecall:F2} -> {weightedRecall:F2}");
    }

    [Fact]
    public void Lightgbm_stops_early_on_held_out_patients_when_there_is_nothing_to_learn()
    {
        var data = Synthetic.Binary(1000, 12);
        var random = new Random(13);
        var noise = new LabelledSet<FeatureMatrix>(data.Inputs, new TargetMatrix(data.Targets.Schema, Enumerable.Range(0, data.Count).Select(_ => random.NextDouble() < 0.5 ? 1f : 0f).ToArray()), data.Samples);
        var model = (TabularModel)new LightGbmTrainer(new LightGbmOptions { Iterations = 300, EarlyStoppingRounds = 10 }).Fit(noise);

        var transformer = (BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>>)((MlNetHead)model.Heads[0]).Transformer;
        Assert.True(transformer.Model.SubModel.TrainedTreeEnsemble.Trees.Count < 100);
    }

    [Fact]
    public void Training_data_with_one_outcome_class_is_a_clear_input_error()
    {
        var data = Synthetic.Binary(50, 14);
        var one = new LabelledSet<FeatureMatrix>(data.Inputs, new TargetMatrix(data.Targets.Schema, new float[50]), data.Samples);
        var error = Assert.Throws<Core.Errors.GalenInputException>(() => new LogisticRegressionTrainer().Fit(one));
        Assert.Contains("only one outcome class (0 of 50 positive)", error.Message, StringComparison.Ordinal);
    }
}
