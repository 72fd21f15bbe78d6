using Galen.Core.Learning;
using static TorchSharp.torch;

namespace Galen.Deep.Training.Objectives;

/// <summary>
/// A real-valued outcome: the network predicts the standardised target (training mean and
/// standard deviation, saved with the model) under mean squared error; predictions are mapped
/// back to the target's units.
/// </summary>
/// <param name="schema">The target.</param>
/// <param name="mean">Training mean of the target.</param>
/// <param name="scale">Training standard deviation of the target (1 when it is 0).</param>
public sealed class RegressionObjective(LabelSchema schema, float mean, float scale) : TrainingObjective(schema)
{
    public float Mean { get; } = mean;

    public float Scale { get; } = scale;

    /// <summary>Learns the target's mean and scale from the training targets.</summary>
    public static RegressionObjective Fit(TargetMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        var values = train.Values;
        double sum = 0;
        double squares = 0;
        foreach (float value in values)
        {
            sum += value;
            squares += (double)value * value;
        }

        double mean = values.Length == 0 ? 0 : sum / values.Length;
        double variance = values.Length < 2 ? 0 : Math.Max(0, (squares / values.Length) - (mean * mean));
        return new RegressionObjective(train.Schema, (float)mean, variance > 1e-12 ? (float)Math.Sqrt(variance) : 1f);
    }

    public override Tensor Targets(TargetMatrix targets, ReadOnlySpan<int> rows, Device device) => FloatTargets(targets, rows, device, Mean, Scale);

    public override Tensor Loss(Tensor outputs, Tensor targets) => nn.functional.mse_loss(outputs, targets);

    public override void Predict(Tensor outputs, Span<double> into) => CopyOut((outputs * Scale) + Mean, into);
}
