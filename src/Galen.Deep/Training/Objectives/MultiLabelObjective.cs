using Galen.Core.Learning;
using static TorchSharp.torch;

namespace Galen.Deep.Training.Objectives;

/// <summary>
/// Any subset of K labels (next-visit diagnoses, drugs to recommend): K independent logits,
/// binary cross-entropy averaged over labels, predictions are K probabilities.
/// </summary>
public sealed class MultiLabelObjective(LabelSchema schema) : TrainingObjective(schema)
{
    public override Tensor Targets(TargetMatrix targets, ReadOnlySpan<int> rows, Device device) => FloatTargets(targets, rows, device);

    public override Tensor Loss(Tensor outputs, Tensor targets) => nn.functional.binary_cross_entropy_with_logits(outputs, targets);

    public override void Predict(Tensor outputs, Span<double> into) => CopyOut(sigmoid(outputs), into);
}
