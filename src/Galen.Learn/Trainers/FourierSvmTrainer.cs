using System.Globalization;
using Galen.Core.Learning;
using Galen.Learn.Tabular;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using MlLinearSvm = Microsoft.ML.Trainers.LinearSvmTrainer;
using Microsoft.ML.Transforms;

namespace Galen.Learn.Trainers;

/// <summary>
/// Non-linear SVM: the Gaussian (RBF) kernel approximated by random Fourier features
/// (Rahimi and Recht), then a linear SVM and Platt scaling. Scales linearly in samples, unlike an
/// exact kernel SVM.
/// </summary>
public sealed class FourierSvmTrainer(FourierSvmOptions options) : TabularTrainer(options)
{
    public FourierSvmTrainer()
        : this(new FourierSvmOptions())
    {
    }

    private FourierSvmOptions Settings => (FourierSvmOptions)Options;

    public override string Name => "rff-svm";

    protected override bool Standardize => true;

    public override string Describe(LabelKind kind) =>
        string.Create(CultureInfo.InvariantCulture, $"RBF-kernel SVM via {Settings.Components} random Fourier features (γ = {(Settings.Gamma is { } g ? g.ToString("g3", CultureInfo.InvariantCulture) : "1/features")}, λ = {Settings.Lambda:g3}, Platt-scaled){(kind == LabelKind.Multiclass ? ", one-vs-rest" : string.Empty)}");

    protected override TabularHead FitBinary(HeadData data)
    {
        float gamma = (float)(Settings.Gamma ?? 1.0 / data.Features);
        var pipeline = data.Ml.Transforms.ApproximatedKernelMap(
                TabularRow.FeaturesColumn,
                TabularRow.FeaturesColumn,
                rank: Settings.Components,
                useCosAndSinBases: false,
                generator: new GaussianKernel(gamma),
                seed: Settings.Seed)
            .Append(data.Ml.BinaryClassification.Trainers.LinearSvm(new MlLinearSvm.Options
            {
                LabelColumnName = TabularRow.BinaryLabelColumn,
                FeatureColumnName = TabularRow.FeaturesColumn,
                ExampleWeightColumnName = TabularRow.WeightColumn,
                Lambda = (float)Settings.Lambda,
                NumberOfIterations = Settings.Iterations,
            }))
            .Append(data.Ml.BinaryClassification.Calibrators.Platt(labelColumnName: TabularRow.BinaryLabelColumn));
        return new MlNetHead(pipeline.Fit(data.Train), HeadOutput.Probability);
    }
}
