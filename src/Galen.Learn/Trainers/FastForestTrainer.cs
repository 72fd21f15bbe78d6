using System.Globalization;
using Galen.Core.Learning;
using Galen.Learn.Tabular;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Galen.Learn.Trainers;

/// <summary>
/// Random forest on ML.NET FastForest ("fastforest"). For classification each tree is a
/// regression tree on the 0/1 outcome, so the forest's output is the mean leaf frequency. Kept
/// beside Galen's own <see cref="RandomForestTrainer"/>, which grows trees as scikit-learn does.
/// </summary>
public sealed class FastForestTrainer(FastForestOptions options) : TabularTrainer(options)
{
    public FastForestTrainer()
        : this(new FastForestOptions())
    {
    }

    private FastForestOptions Settings => (FastForestOptions)Options;

    public override string Name => "fastforest";

    protected override bool Standardize => false;

    public override string Describe(LabelKind kind) =>
        string.Create(CultureInfo.InvariantCulture, $"FastForest random forest ({Settings.Trees} trees, ≤ {Settings.Leaves} leaves, {Settings.FeatureFractionPerSplit:P0} of features per split){(kind == LabelKind.Multiclass ? ", one-vs-rest" : string.Empty)}");

    protected override TabularHead FitBinary(HeadData data) => new MlNetHead(Forest(data), HeadOutput.ScoreAsProbability);

    protected override TabularHead FitRegression(HeadData data) => new MlNetHead(Forest(data), HeadOutput.Score);

    private ITransformer Forest(HeadData data) =>
        data.Ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
        {
            LabelColumnName = TabularRow.ValueColumn,
            FeatureColumnName = TabularRow.FeaturesColumn,
            ExampleWeightColumnName = TabularRow.WeightColumn,
            NumberOfTrees = Settings.Trees,
            NumberOfLeaves = Settings.Leaves,
            MinimumExampleCountPerLeaf = Settings.MinimumSamplesPerLeaf,
            FeatureFraction = 1.0,
            FeatureFractionPerSplit = Settings.FeatureFractionPerSplit,
            BaggingExampleFraction = Settings.SampleFraction,
            Seed = Settings.Seed,
            FeatureSelectionSeed = Settings.Seed,
            NumberOfThreads = Settings.Threads,
        }).Fit(data.Train);
}
