using static TorchSharp.torch;

namespace Galen.Deep.Text;

/// <summary>A mini-batch of token sequences, padded with <see cref="WordVocabulary.Padding"/> to the longest one.</summary>
/// <param name="Tokens">Vocabulary indices: int64 [batch, steps].</param>
/// <param name="Lengths">Real tokens per sample, on the CPU (as packing needs): int64 [batch].</param>
/// <param name="Mask">True at real tokens, false at padding: bool [batch, steps].</param>
/// <param name="Size">Samples in the batch.</param>
/// <param name="Steps">Positions per sample (the longest sequence).</param>
public sealed record TokenBatch(Tensor Tokens, Tensor Lengths, Tensor Mask, int Size, int Steps);
