using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Evaluation.Metrics;
using Galen.Learn.Tabular;
using Galen.Learn.Trainers;
using Galen.Learn.Trees;

namespace Galen.Learn.Tests.Trees;

public sealed class RandomForestTrainerTests
{
    private static DecisionForest ForestOf(IModel<FeatureMatrix> model) => ((ForestHead)((TabularModel)model).Heads[0]).Forest;

    /// <summary>y = 1 when exactly one of x0, x1 is positive (90% of the time): no single feature and no linear model tells.</summary>
    private static LabelledSet<FeatureMatrix> Checkerboard(int n, int seed)
    {
        var random = new Random(seed);
        var features = Enumerable.Range(0, 6).Select(j => new FeatureSpec($"x{j}", $"x{j}")).ToArray();
        var values = new float[n * 6];
        var targets = new float[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                values[(i * 6) + j] = (float)((random.NextDouble() * 2) - 1);
            }

            bool xor = values[i * 6] > 0 ^ values[(i * 6) + 1] > 0;
            targets[i] = xor ^ (random.NextDouble() < 0.1) ? 1 : 0;
        }

        var samples = Enumerable.Range(0, n).Select(i => new SampleInfo($"p{i}", $"s{i}", null, new Dictionary<string, string>())).ToArray();
        return new(new FeatureMatrix(features, values), new TargetMatrix(LabelSchema.Binary("y", "outcome"), targets), samples);
    }

    [Fact]
    public void The_forest_learns_an_interaction_that_a_linear_model_cannot()
    {
        var train = Checkerboard(2000, 1);
        var test = Checkerboard(1000, 2);
        var forest = new RandomForestTrainer(new RandomForestOptions { Trees = 50 }).Fit(train);
        var linear = new LogisticRegressionTrainer().Fit(train);

        double forestAuroc = BinaryRanking.Auroc(test.Targets.AsBinary(), forest.Predict(test.Inputs).Values);
        double linearAuroc = BinaryRanking.Auroc(test.Targets.AsBinary(), linear.Predict(test.Inputs).Values);

        // The noise caps what anything can reach at 0.9 accuracy (AUROC about 0.9).
        Assert.True(forestAuroc > 0.85, $"forest {forestAuroc:F3}");
        Assert.InRange(linearAuroc, 0.4, 0.6);
        var importance = ForestOf(forest).ImpurityImportances();
        Assert.Equal(1, importance.Sum(), 9);
        Assert.True(importance[0] + importance[1] > 0.5, string.Join(", ", importance));
    }

    [Fact]
    public void The_forest_is_the_same_on_any_number_of_threads_and_changes_with_the_seed()
    {
        var train = Synthetic.Binary(800, 9, missing: 0.1);
        double[] Fit(int threads, int seed) => new RandomForestTrainer(new RandomForestOptions { Trees = 24, Threads = threads, Seed = seed }).Fit(train).Predict(train.Inputs).Values.ToArray();

        var one = Fit(1, 3);
        Assert.Equal(one, Fit(2, 3));
        Assert.Equal(one, Fit(5, 3));
        Assert.NotEqual(one, Fit(2, 4));
    }

    [Fact]
    public void Multiclass_is_one_native_forest_whose_rows_sum_to_one()
    {
        var train = Synthetic.Multiclass(900, 3);
        var test = Synthetic.Multiclass(400, 4);
        var model = (TabularModel)new RandomForestTrainer(new RandomForestOptions { Trees = 40 }).Fit(train);
        var predictions = model.Predict(test.Inputs);

        var head = Assert.IsType<ForestHead>(Assert.Single(model.Heads));
        Assert.Equal(3, head.Forest.Classes);
        for (int i = 0; i < predictions.Rows; i++)
        {
            Assert.Equal(1, predictions.Row(i).ToArray().Sum(), 9);
        }

        Assert.True(MulticlassScores.Accuracy(Scorecard.ClassIndices(test.Targets), predictions.Values, 3) > 0.55);
    }

    [Fact]
    public void Depth_leaf_and_leaf_size_limits_hold_in_every_tree()
    {
        var train = Synthetic.Binary(1500, 5);

        var shallow = ForestOf(new RandomForestTrainer(new RandomForestOptions { Trees = 10, MaximumDepth = 3 }).Fit(train));
        Assert.All(shallow.Trees, t => Assert.True(t.Depth <= 3));
        Assert.Equal(3, shallow.MaximumDepth);

        var few = ForestOf(new RandomForestTrainer(new RandomForestOptions { Trees = 10, MaximumLeaves = 8 }).Fit(train));
        Assert.All(few.Trees, t => Assert.Equal(8, t.Leaves));

        // Without class weights a node's cover counts its bootstrap draws, at least one per distinct row.
        var large = ForestOf(new RandomForestTrainer(new RandomForestOptions { Trees = 10, MinimumSamplesPerLeaf = 25 }).Fit(train));
        Assert.All(large.Trees, t => Assert.All(Enumerable.Range(0, t.Nodes).Where(n => t.Feature[n] < 0), n => Assert.True(t.Cover[n] >= 25)));

        var full = ForestOf(new RandomForestTrainer(new RandomForestOptions { Trees = 10 }).Fit(train));
        Assert.True(full.MaximumDepth > 10);
        Assert.True(full.Trees.Average(t => t.Leaves) > 100);
    }

    [Theory]
    [InlineData(ClassWeighting.Balanced)]
    [InlineData(ClassWeighting.BalancedSubsample)]
    public void Balanced_class_weights_raise_sensitivity_on_a_rare_outcome(ClassWeighting weighting)
    {
        var random = new Random(10);
        var data = Synthetic.Binary(3000, 11);
        var rare = data.Select(Enumerable.Range(0, data.Count).Where(i => data.Targets.Row(i)[0] == 0 || random.NextDouble() < 0.15).ToArray());
        var options = new RandomForestOptions { Trees = 30, MinimumSamplesPerLeaf = 20 };
        var labels = rare.Targets.AsBinary();

        double plain = new BinaryOutcomes(labels, new RandomForestTrainer(options).Fit(rare).Predict(rare.Inputs).Values.ToArray()).Confusion(0.5).Recall;
        double weighted = new BinaryOutcomes(labels, new RandomForestTrainer(options with { ClassWeighting = weighting }).Fit(rare).Predict(rare.Inputs).Values.ToArray()).Confusion(0.5).Recall;

        Assert.True(weighted > plain + 0.2, $"recall {plain:F2} -> {weighted:F2}");
    }

    [Fact]
    public void Per_bootstrap_class_weights_are_refused_by_learners_that_draw_no_bootstrap()
    {
        var error = Assert.Throws<GalenConfigurationException>(() => new LightGbmTrainer(new LightGbmOptions { ClassWeighting = ClassWeighting.BalancedSubsample }).Fit(Synthetic.Binary(100, 1)));
        Assert.Contains("classWeighting BalancedSubsample", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entropy_and_a_feature_fraction_work_as_scikit_learns_options_do()
    {
        var train = Synthetic.Binary(1200, 1, missing: 0.1);
        var test = Synthetic.Binary(600, 2, missing: 0.1);
        var model = new RandomForestTrainer(new RandomForestOptions { Trees = 40, Criterion = SplitCriterion.Entropy, FeaturesPerSplit = "0.5", MinimumSamplesPerLeaf = 5, SampleFraction = 0.5 }).Fit(train);

        Assert.True(BinaryRanking.Auroc(test.Targets.AsBinary(), model.Predict(test.Inputs).Values) > 0.7);
        Assert.Contains("Entropy", model.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_values_are_imputed_with_an_indicator_the_trees_can_split_on()
    {
        // The outcome is mostly whether creatinine was recorded.
        var data = Synthetic.Binary(1500, 12, missing: 0.3);
        var targets = Enumerable.Range(0, data.Count).Select(i => float.IsNaN(data.Inputs[i, 1]) ? 1f : 0f).ToArray();
        var set = new LabelledSet<FeatureMatrix>(data.Inputs, new TargetMatrix(data.Targets.Schema, targets), data.Samples);
        var model = (TabularModel)new RandomForestTrainer(new RandomForestOptions { Trees = 20 }).Fit(set);

        Assert.Equal(5, model.Preprocessor.OutputFeatures.Count);
        Assert.Equal(1, BinaryRanking.Auroc(set.Targets.AsBinary(), model.Predict(set.Inputs).Values), 6);
        var importance = ForestOf(model).ImpurityImportances();
        Assert.Equal(4, Array.IndexOf(importance, importance.Max()));
    }

    [Fact]
    public void Growing_reports_each_tree_and_stops_when_cancelled()
    {
        var train = Synthetic.Binary(600, 13);
        var reports = new List<WorkProgress>();
        new RandomForestTrainer(new RandomForestOptions { Trees = 12, Threads = 2 }).Fit(train, progress: new SynchronousProgress(reports.Add));

        Assert.Contains(reports, r => r.Completed == 12 && r.Total == 12 && r.Stage.StartsWith("fit forest", StringComparison.Ordinal));
        Assert.Equal(12, reports.Count(r => r.Stage == "fit forest" && r.Completed > 0 && r.Total == 12));

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new RandomForestTrainer(new RandomForestOptions { Trees = 12, Threads = 2 }).Fit(train, cancellationToken: cancel.Token));
    }

    public static TheoryData<RandomForestOptions, string> InvalidOptions => new()
    {
        { new RandomForestOptions { Trees = 0 }, "trees" },
        { new RandomForestOptions { MaximumDepth = 0 }, "maximumDepth" },
        { new RandomForestOptions { MinimumSamplesPerSplit = 1 }, "minimumSamplesPerSplit" },
        { new RandomForestOptions { MinimumSamplesPerLeaf = 0 }, "minimumSamplesPerLeaf" },
        { new RandomForestOptions { MaximumLeaves = 1 }, "maximumLeaves" },
        { new RandomForestOptions { SampleFraction = 1.5 }, "sampleFraction" },
        { new RandomForestOptions { SampleFraction = 0.5, Bootstrap = false }, "sampleFraction" },
        { new RandomForestOptions { Bins = 300 }, "bins" },
        { new RandomForestOptions { Threads = 0 }, "threads" },
        { new RandomForestOptions { FeaturesPerSplit = "cube" }, "featuresPerSplit" },
        { new RandomForestOptions { FeaturesPerSplit = "1.5" }, "featuresPerSplit" },
        { new RandomForestOptions { FeaturesPerSplit = "0" }, "featuresPerSplit" },
        { new RandomForestOptions { Criterion = (SplitCriterion)7 }, "criterion" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void An_option_out_of_range_is_a_configuration_error_that_names_it(RandomForestOptions options, string option)
    {
        var error = Assert.Throws<GalenConfigurationException>(() => new RandomForestTrainer(options));
        Assert.Contains($"option {option} is", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_features_per_split_than_the_data_has_is_an_error_at_fit_time()
    {
        var error = Assert.Throws<GalenConfigurationException>(() => new RandomForestTrainer(new RandomForestOptions { FeaturesPerSplit = "9" }).Fit(Synthetic.Binary(100, 1)));
        Assert.Contains("option featuresPerSplit is 9", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most the 4 features", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>.</summary>
    private sealed class SynchronousProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
