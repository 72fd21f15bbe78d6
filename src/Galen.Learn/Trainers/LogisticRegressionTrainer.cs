using System.Globalization;
using Galen.Core.Learning;
using Galen.Learn.Tabular;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Galen.Learn.Trainers;

/// <summary>
/// Regularised linear models on standardised inputs: logistic regression (binary, multi-label),
/// softmax regression (multiclass) and linear regression (SDCA) for real-valued targets.
/// </summary>
public sealed class LogisticRegressionTrainer(LogisticRegressionOptions options) : TabularTrainer(options)
{
    public LogisticRegressionTrainer()
        : this(new LogisticRegressionOptions())
    {
    }

    private LogisticRegressionOptions Settings => (LogisticRegressionOptions)Options;

    public override string Name => "logreg";

    protected override bool Standardize => true;

    private float L1 => Settings.Penalty == Penalty.L1 ? (float)Settings.Strength : 0f;

    private float L2 => Settings.Penalty == Penalty.L2 ? (float)Settings.Strength : 0f;

    public override string Describe(LabelKind kind)
    {
        string penalty = string.Create(CultureInfo.InvariantCulture, $"{Settings.Penalty} penalty λ = {Settings.Strength:g3}");
        return kind switch
        {
            LabelKind.Multiclass => $"softmax regression ({penalty})",
            LabelKind.Regression => $"linear regression, SDCA ({penalty})",
            _ => $"logistic regression ({penalty})",
        };
    }

    protected override TabularHead FitBinary(HeadData data)
    {
        var trainer = data.Ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            LabelColumnName = TabularRow.BinaryLabelColumn,
            FeatureColumnName = TabularRow.FeaturesColumn,
            ExampleWeightColumnName = TabularRow.WeightColumn,
            L1Regularization = L1,
            L2Regularization = L2,
            MaximumNumberOfIterations = Settings.MaximumIterations,
            OptimizationTolerance = 1e-7f,
            NumberOfThreads = Settings.Threads,
        });
        return new MlNetHead(trainer.Fit(data.Train), HeadOutput.Probability);
    }

    protected override TabularHead? FitMulticlass(HeadData data)
    {
        var trainer = data.Ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = TabularRow.ClassColumn,
            FeatureColumnName = TabularRow.FeaturesColumn,
            ExampleWeightColumnName = TabularRow.WeightColumn,
            L1Regularization = L1,
            L2Regularization = L2,
            MaximumNumberOfIterations = Settings.MaximumIterations,
            OptimizationTolerance = 1e-7f,
            NumberOfThreads = Settings.Threads,
        });
        return new MlNetHead(trainer.Fit(data.Train), HeadOutput.ClassScores);
    }

    protected override TabularHead FitRegression(HeadData data)
    {
        var trainer = data.Ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            LabelColumnName = TabularRow.ValueColumn,
            FeatureColumnName = TabularRow.FeaturesColumn,
            ExampleWeightColumnName = TabularRow.WeightColumn,
            L1Regularization = L1 == 0 ? null : L1,
            L2Regularization = L2 == 0 ? null : L2,
            NumberOfThreads = Settings.Threads ?? 1,
            Shuffle = true,
        });
        return new MlNetHead(trainer.Fit(data.Train), HeadOutput.Score);
    }
}
