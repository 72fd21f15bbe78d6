using static TorchSharp.torch;

namespace Galen.Deep.Text;

/// <summary>
/// A mini-batch of (source, target) pairs for teacher-forced training: the decoder reads
/// <c>&lt;s&gt; y₁ … yₙ</c> and is scored on <c>y₁ … yₙ &lt;/s&gt;</c>; padding is index 0 in both.
/// </summary>
/// <param name="Source">The source tokens.</param>
/// <param name="DecoderInputs">Start marker then the target tokens: int64 [batch, steps].</param>
/// <param name="DecoderTargets">The target tokens then the end marker: int64 [batch, steps].</param>
/// <param name="Size">Pairs in the batch.</param>
/// <param name="Steps">Decoder steps (longest target + 1).</param>
public sealed record PairBatch(TokenBatch Source, Tensor DecoderInputs, Tensor DecoderTargets, int Size, int Steps);
