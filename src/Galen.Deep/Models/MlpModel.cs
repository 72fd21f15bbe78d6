using System.Globalization;
using Galen.Core.Learning;
using Galen.Deep.Data;
using Galen.Deep.Training;
using Galen.Deep.Training.Objectives;
using static TorchSharp.torch;

namespace Galen.Deep.Models;

/// <summary>A trained MLP on tabular features, with the feature scaling it learned.</summary>
public sealed class MlpModel : DeepModel<FeatureMatrix, Tensor>
{
    /// <summary>Family name in saved files.</summary>
    public const string FamilyName = "mlp";

    public MlpModel(Mlp network, TrainingObjective objective, FeatureScaling scaling, MlpOptions options, Device device, TrainingReport? training)
        : base(network, objective, device, training)
    {
        Scaling = scaling;
        Options = options;
    }

    public override string Family => FamilyName;

    /// <summary>The standardisation learned from the training rows.</summary>
    public FeatureScaling Scaling { get; }

    /// <summary>The network's settings.</summary>
    public MlpOptions Options { get; }

    public override string Description => string.Create(
        CultureInfo.InvariantCulture,
        $"MLP, hidden {string.Join("-", Options.Hidden)}, dropout {Options.Dropout}, {Scaling.Features.Count} features");

    public override IBatchSource<Tensor> Encode(FeatureMatrix inputs, string source) => Scaling.Encode(inputs, source);
}
