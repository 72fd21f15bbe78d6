using System.Globalization;
using Galen.Core.Learning;
using Galen.Learn.Tabular;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace Galen.Learn.Trainers;

/// <summary>Gradient-boosted trees with LightGBM; stops early on held-out patients when asked.</summary>
public sealed class LightGbmTrainer(LightGbmOptions options) : TabularTrainer(options)
{
    public LightGbmTrainer()
        : this(new LightGbmOptions())
    {
    }

    private LightGbmOptions Settings => (LightGbmOptions)Options;

    public override string Name => "lightgbm";

    protected override bool Standardize => false;

    protected override int EarlyStoppingRounds => Settings.EarlyStoppingRounds;

    protected override double ValidationFraction => Settings.ValidationFraction;

    public override string Describe(LabelKind kind) =>
        string.Create(CultureInfo.InvariantCulture, $"LightGBM ({Settings.Iterations} rounds, learning rate {Settings.LearningRate:g3}, {Settings.Leaves} leaves{(Settings.EarlyStoppingRounds > 0 ? $", early stopping after {Settings.EarlyStoppingRounds}" : string.Empty)})");

    protected override TabularHead FitBinary(HeadData data)
    {
        var options = Configure(new LightGbmBinaryTrainer.Options { LabelColumnName = TabularRow.BinaryLabelColumn }, data);
        var trainer = data.Ml.BinaryClassification.Trainers.LightGbm(options);
        return new MlNetHead(data.Validation is null ? trainer.Fit(data.Train) : trainer.Fit(data.Train, data.Validation), HeadOutput.Probability);
    }

    protected override TabularHead? FitMulticlass(HeadData data)
    {
        var options = Configure(new LightGbmMulticlassTrainer.Options { LabelColumnName = TabularRow.ClassColumn }, data);
        var trainer = data.Ml.MulticlassClassification.Trainers.LightGbm(options);
        return new MlNetHead(data.Validation is null ? trainer.Fit(data.Train) : trainer.Fit(data.Train, data.Validation), HeadOutput.ClassScores);
    }

    protected override TabularHead FitRegression(HeadData data)
    {
        var options = Configure(new LightGbmRegressionTrainer.Options { LabelColumnName = TabularRow.ValueColumn }, data);
        var trainer = data.Ml.Regression.Trainers.LightGbm(options);
        return new MlNetHead(data.Validation is null ? trainer.Fit(data.Train) : trainer.Fit(data.Train, data.Validation), HeadOutput.Score);
    }

    private TOptions Configure<TOptions, TOutput, TTransformer, TModel>(LightGbmTrainerBase<TOptions, TOutput, TTransformer, TModel>.OptionsBase options, HeadData data)
        where TOptions : LightGbmTrainerBase<TOptions, TOutput, TTransformer, TModel>.OptionsBase, new()
        where TTransformer : ISingleFeaturePredictionTransformer<TModel>
        where TModel : class
    {
        options.FeatureColumnName = TabularRow.FeaturesColumn;
        options.ExampleWeightColumnName = TabularRow.WeightColumn;
        options.NumberOfIterations = Settings.Iterations;
        options.LearningRate = Settings.LearningRate;
        options.NumberOfLeaves = Settings.Leaves;
        options.MinimumExampleCountPerLeaf = Settings.MinimumSamplesPerLeaf;
        options.EarlyStoppingRound = data.Validation is null ? 0 : Settings.EarlyStoppingRounds;
        options.Seed = Settings.Seed;
        options.Deterministic = true;
        options.NumberOfThreads = Settings.Threads;
        options.Silent = true;
        options.ForceColumnWise = true;
        options.Booster = new GradientBooster.Options
        {
            L2Regularization = Settings.L2Regularization,
            FeatureFraction = Settings.FeatureFraction,
        };
        return (TOptions)options;
    }
}
