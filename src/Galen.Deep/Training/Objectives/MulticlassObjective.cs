using Galen.Core.Learning;
using Galen.Deep.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Training.Objectives;

/// <summary>Exactly one of K classes: K logits, cross-entropy, predictions are the softmax probabilities.</summary>
public sealed class MulticlassObjective(LabelSchema schema) : TrainingObjective(schema)
{
    public override Tensor Targets(TargetMatrix targets, ReadOnlySpan<int> rows, Device device)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var tensor = HostTensors.Empty(ScalarType.Int64, rows.Length);
        var span = HostTensors.Span<long>(tensor);
        for (int i = 0; i < rows.Length; i++)
        {
            span[i] = (long)targets.Row(rows[i])[0];
        }

        return HostTensors.On(tensor, device);
    }

    public override Tensor Loss(Tensor outputs, Tensor targets) => nn.functional.cross_entropy(outputs, targets);

    public override void Predict(Tensor outputs, Span<double> into) => CopyOut(softmax(outputs, 1), into);
}
