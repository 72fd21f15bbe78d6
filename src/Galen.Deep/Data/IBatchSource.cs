using static TorchSharp.torch;

namespace Galen.Deep.Data;

/// <summary>
/// Samples already encoded with a model's learned preprocessing (vocabulary, scaling), ready
/// to be cut into mini-batches of tensors. Each model family has one; the trainer and the
/// models' predictions read every sample through it.
/// </summary>
/// <typeparam name="TBatch">What the family's network takes: a tensor or a record of tensors.</typeparam>
public interface IBatchSource<out TBatch>
{
    /// <summary>Samples held.</summary>
    int Count { get; }

    /// <summary>
    /// The batch of the given samples, in the given order, on <paramref name="device"/>. Call it
    /// inside a <see cref="NewDisposeScope"/>: the batch's tensors belong to that scope.
    /// </summary>
    TBatch Batch(ReadOnlySpan<int> rows, Device device);
}
