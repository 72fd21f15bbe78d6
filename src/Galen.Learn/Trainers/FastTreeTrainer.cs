using System.Globalization;
using Galen.Core.Learning;
using Galen.Learn.Tabular;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Galen.Learn.Trainers;

/// <summary>Gradient-boosted trees with ML.NET FastTree (MART); stops early on held-out patients when asked.</summary>
public sealed class FastTreeTrainer(FastTreeOptions options) : TabularTrainer(options)
{
    public FastTreeTrainer()
        : this(new FastTreeOptions())
    {
    }

    private FastTreeOptions Settings => (FastTreeOptions)Options;

    public override string Name => "fasttree";

    protected override bool Standardize => false;

    protected override int EarlyStoppingRounds => Settings.EarlyStoppingRounds;

    protected override double ValidationFraction => Settings.ValidationFraction;

    public override string Describe(LabelKind kind) =>
        string.Create(CultureInfo.InvariantCulture, $"FastTree boosting ({Settings.Trees} trees, learning rate {Settings.LearningRate:g3}, {Settings.Leaves} leaves{(Settings.EarlyStoppingRounds > 0 ? $", early stopping after {Settings.EarlyStoppingRounds}" : string.Empty)}){(kind == LabelKind.Multiclass ? ", one-vs-rest" : string.Empty)}");

    protected override TabularHead FitBinary(HeadData data)
    {
        var options = new FastTreeBinaryTrainer.Options { LabelColumnName = TabularRow.BinaryLabelColumn };
        Configure(options, data);
        var trainer = data.Ml.BinaryClassification.Trainers.FastTree(options);
        return new MlNetHead(data.Validation is null ? trainer.Fit(data.Train) : trainer.Fit(data.Train, data.Validation), HeadOutput.Probability);
    }

    protected override TabularHead FitRegression(HeadData data)
    {
        var options = new FastTreeRegressionTrainer.Options { LabelColumnName = TabularRow.ValueColumn };
        Configure(options, data);
        var trainer = data.Ml.Regression.Trainers.FastTree(options);
        return new MlNetHead(data.Validation is null ? trainer.Fit(data.Train) : trainer.Fit(data.Train, data.Validation), HeadOutput.Score);
    }

    private void Configure(BoostedTreeOptions options, HeadData data)
    {
        options.FeatureColumnName = TabularRow.FeaturesColumn;
        options.ExampleWeightColumnName = TabularRow.WeightColumn;
        options.NumberOfTrees = Settings.Trees;
        options.LearningRate = Settings.LearningRate;
        options.NumberOfLeaves = Settings.Leaves;
        options.MinimumExampleCountPerLeaf = Settings.MinimumSamplesPerLeaf;
        options.Seed = Settings.Seed;
        options.FeatureSelectionSeed = Settings.Seed;
        options.NumberOfThreads = Settings.Threads;
        if (data.Validation is not null && Settings.EarlyStoppingRounds > 0)
        {
            options.EarlyStoppingRule = new ConsecutiveGeneralityLossRule(Settings.EarlyStoppingRounds);
        }
    }
}
