using Galen.Core.Learning;
using static TorchSharp.torch;

namespace Galen.Deep.Training.Objectives;

/// <summary>One yes/no outcome: one logit, binary cross-entropy, predictions are P(yes).</summary>
public sealed class BinaryObjective(LabelSchema schema) : TrainingObjective(schema)
{
    public override Tensor Targets(TargetMatrix targets, ReadOnlySpan<int> rows, Device device) => FloatTargets(targets, rows, device);

    public override Tensor Loss(Tensor outputs, Tensor targets) => nn.functional.binary_cross_entropy_with_logits(outputs, targets);

    public override void Predict(Tensor outputs, Span<double> into) => CopyOut(sigmoid(outputs), into);
}
