using Galen.Core.Learning;
using Galen.Deep.Data;
using Galen.Deep.Persistence;
using Galen.Deep.Training;
using Galen.Deep.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Models;

/// <summary>
/// A trained network with the preprocessing it learned (vocabulary, scaling) and its objective:
/// encodes inputs, runs the network batch by batch without gradients, and maps its outputs to
/// <see cref="Predictions"/>. Holds native memory: dispose it when done.
/// </summary>
/// <typeparam name="TInputs">The family's inputs.</typeparam>
/// <typeparam name="TBatch">What its network takes.</typeparam>
public abstract class DeepModel<TInputs, TBatch> : IDeepModel, IModel<TInputs>
{
    private const int PredictionBatch = 256;

    protected DeepModel(nn.Module<TBatch, Tensor> network, TrainingObjective objective, Device device, TrainingReport? training)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(objective);
        Network = network;
        Objective = objective;
        Device = device;
        Training = training;
        Network.eval();
    }

    public abstract string Family { get; }

    public LabelSchema Schema => Objective.Schema;

    public abstract string Description { get; }

    public TrainingReport? Training { get; }

    /// <summary>Where the network runs.</summary>
    public Device Device { get; }

    /// <summary>The trained network (eval mode).</summary>
    public nn.Module<TBatch, Tensor> Network { get; }

    /// <summary>The objective: loss, output mapping, regression scaling.</summary>
    public TrainingObjective Objective { get; }

    public Predictions Predict(TInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return PredictEncoded(Encode(inputs, "inputs"));
    }

    /// <summary>The inputs encoded with this model's learned preprocessing.</summary>
    /// <param name="inputs">The samples.</param>
    /// <param name="source">Name of the inputs for error messages.</param>
    public abstract IBatchSource<TBatch> Encode(TInputs inputs, string source);

    /// <summary>Predictions for already encoded samples.</summary>
    public Predictions PredictEncoded(IBatchSource<TBatch> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        int width = Schema.Width;
        var values = new double[source.Count * width];
        var rows = new int[Math.Min(PredictionBatch, source.Count)];
        using (no_grad())
        {
            for (int start = 0; start < source.Count; start += PredictionBatch)
            {
                int count = Math.Min(PredictionBatch, source.Count - start);
                for (int i = 0; i < count; i++)
                {
                    rows[i] = start + i;
                }

                using var scope = NewDisposeScope();
                var outputs = Network.call(source.Batch(rows.AsSpan(0, count), Device));
                if (outputs.dim() != 2 || outputs.shape[0] != count || outputs.shape[1] != width)
                {
                    throw new ShapeMismatchException(Network.GetName() + " output", [count, width], outputs.shape);
                }

                Objective.Predict(outputs, values.AsSpan(start * width, count * width));
            }
        }

        return new Predictions(Schema, values);
    }

    public void Save(string path) => DeepModelArchive.Save(this, path);

    public void Dispose()
    {
        Network.Dispose();
        GC.SuppressFinalize(this);
    }
}
