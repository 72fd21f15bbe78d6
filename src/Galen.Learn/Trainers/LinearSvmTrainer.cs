using System.Globalization;
using Galen.Core.Learning;
using Galen.Learn.Tabular;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using MlLinearSvm = Microsoft.ML.Trainers.LinearSvmTrainer;

namespace Galen.Learn.Trainers;

/// <summary>Linear support-vector machine (Pegasos) on standardised inputs; Platt scaling turns margins into probabilities.</summary>
public sealed class LinearSvmTrainer(LinearSvmOptions options) : TabularTrainer(options)
{
    public LinearSvmTrainer()
        : this(new LinearSvmOptions())
    {
    }

    private LinearSvmOptions Settings => (LinearSvmOptions)Options;

    public override string Name => "svm";

    protected override bool Standardize => true;

    public override string Describe(LabelKind kind) =>
        string.Create(CultureInfo.InvariantCulture, $"linear SVM (λ = {Settings.Lambda:g3}, {Settings.Iterations} passes, Platt-scaled){(kind == LabelKind.Multiclass ? ", one-vs-rest" : string.Empty)}");

    protected override TabularHead FitBinary(HeadData data)
    {
        var pipeline = data.Ml.BinaryClassification.Trainers.LinearSvm(new MlLinearSvm.Options
        {
            LabelColumnName = TabularRow.BinaryLabelColumn,
            FeatureColumnName = TabularRow.FeaturesColumn,
            ExampleWeightColumnName = TabularRow.WeightColumn,
            Lambda = (float)Settings.Lambda,
            NumberOfIterations = Settings.Iterations,
        }).Append(data.Ml.BinaryClassification.Calibrators.Platt(labelColumnName: TabularRow.BinaryLabelColumn));
        return new MlNetHead(pipeline.Fit(data.Train), HeadOutput.Probability);
    }
}
