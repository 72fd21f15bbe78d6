using Galen.Learn.Configuration;
using Galen.Learn.Trainers;

namespace Galen.Learn.Tests.Configuration;

public sealed class ConfigurationFileTests
{
    [Fact]
    public void Yaml_sets_what_it_names_and_keeps_defaults_for_the_rest()
    {
        var configuration = ConfigurationFile.FromYaml("""
            seed: 7
            folds: 10
            logisticRegression:
              penalty: L1
              strength: 0.5
            lightGbm:
              iterations: 400
              earlyStoppingRounds: 20
              classWeighting: Balanced
            """);

        Assert.Equal(7, configuration.Seed);
        Assert.Equal(10, configuration.Folds);
        Assert.Equal(Penalty.L1, configuration.LogisticRegression.Penalty);
        Assert.Equal(0.5, configuration.LogisticRegression.Strength);
        Assert.Equal(400, configuration.LightGbm.Iterations);
        Assert.Equal(ClassWeighting.Balanced, configuration.LightGbm.ClassWeighting);
        Assert.Equal(0.05, configuration.LightGbm.LearningRate);
        Assert.Equal(100, configuration.RandomForest.Trees);
        Assert.Null(configuration.RandomForest.MaximumDepth);
    }

    [Fact]
    public void Forest_options_read_from_yaml_keep_numbers_as_written()
    {
        var configuration = ConfigurationFile.FromYaml("""
            randomForest:
              trees: 300
              maximumDepth: 12
              minimumSamplesPerLeaf: 5
              featuresPerSplit: 1
              classWeighting: BalancedSubsample
              criterion: Entropy
            """);

        Assert.Equal(300, configuration.RandomForest.Trees);
        Assert.Equal(12, configuration.RandomForest.MaximumDepth);
        Assert.Equal(5, configuration.RandomForest.MinimumSamplesPerLeaf);
        Assert.Equal("1", configuration.RandomForest.FeaturesPerSplit);
        Assert.Equal(ClassWeighting.BalancedSubsample, configuration.RandomForest.ClassWeighting);
        Assert.Equal(Galen.Learn.Trees.SplitCriterion.Entropy, configuration.RandomForest.Criterion);
    }

    [Fact]
    public void Json_reads_the_same_shape()
    {
        var configuration = ConfigurationFile.FromJson("""{ "seed": 3, "randomForest": { "trees": 50, "maximumLeaves": 16, "featuresPerSplit": 0.3 }, "fastForest": { "leaves": 8 } }""");
        Assert.Equal(3, configuration.Seed);
        Assert.Equal(50, configuration.RandomForest.Trees);
        Assert.Equal(16, configuration.RandomForest.MaximumLeaves);
        Assert.Equal("0.3", configuration.RandomForest.FeaturesPerSplit);
        Assert.Equal(8, configuration.FastForest.Leaves);
    }

    [Fact]
    public void An_unknown_key_is_an_error_that_names_the_file_and_line()
    {
        var error = Assert.Throws<Core.Errors.GalenInputException>(() => ConfigurationFile.FromYaml("seed: 1\nlightGbm:\n  itterations: 5\n", "train.yaml"));
        Assert.Contains("train.yaml:3", error.Message, StringComparison.Ordinal);
        Assert.Contains("itterations", error.Message, StringComparison.Ordinal);

        var json = Assert.Throws<Core.Errors.GalenInputException>(() => ConfigurationFile.FromJson("{\n \"sed\": 1 }", "train.json"));
        Assert.Contains("train.json", json.Message, StringComparison.Ordinal);
        Assert.Contains("sed", json.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_applies_the_seed_and_options()
    {
        var trainer = (TabularTrainer)TrainerCatalog.Create("forest", new TrainingConfiguration { Seed = 9, RandomForest = new RandomForestOptions { Trees = 12 } });
        Assert.Equal(9, trainer.Options.Seed);
        Assert.Equal(12, ((RandomForestOptions)trainer.Options).Trees);
        Assert.Equal(["logreg", "forest"], TrainerCatalog.Expand("logreg, forest"));
        Assert.Equal(TrainerCatalog.Names, TrainerCatalog.Expand("all"));
        Assert.Throws<Core.Errors.GalenConfigurationException>(() => TrainerCatalog.Expand("xgboost"));
    }
}
