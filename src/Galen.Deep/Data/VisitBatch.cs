using static TorchSharp.torch;

namespace Galen.Deep.Data;

/// <summary>
/// A mini-batch of visit sequences, padded to the longest sequence in the batch. Each visit is
/// a bag of code indices in the layout <c>EmbeddingBag</c> reads: all codes in one flat run,
/// one offset per (sample, visit) position; padding positions are empty bags, which embed to
/// zeros without any code padding.
/// </summary>
/// <param name="Codes">Code indices of every visit, visit after visit: int64 [codes].</param>
/// <param name="Offsets">Start of each position's bag in <paramref name="Codes"/>, sample-major: int64 [batch × visits].</param>
/// <param name="Lengths">Visits per sample, on the CPU (as packing needs): int64 [batch].</param>
/// <param name="VisitMask">True at real visits, false at padding: bool [batch, visits].</param>
/// <param name="VisitGaps">log(1 + days since the previous visit), 0 at the first visit and padding: float32 [batch, visits].</param>
/// <param name="Size">Samples in the batch.</param>
/// <param name="Visits">Positions per sample (the longest sequence).</param>
public sealed record VisitBatch(Tensor Codes, Tensor Offsets, Tensor Lengths, Tensor VisitMask, Tensor VisitGaps, int Size, int Visits);
