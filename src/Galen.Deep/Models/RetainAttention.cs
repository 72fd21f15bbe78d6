using static TorchSharp.torch;

namespace Galen.Deep.Models;

/// <summary>What a RETAIN network computed for a batch.</summary>
/// <param name="Logits">[batch, outputs].</param>
/// <param name="VisitWeights">α: how much each visit counts, summing to 1 over a sample's real visits: [batch, visits].</param>
/// <param name="VariableWeights">β: how much each embedding dimension of each visit counts, in (-1, 1): [batch, visits, embedding].</param>
/// <param name="Visits">The visit embeddings v (sum of code embeddings): [batch, visits, embedding].</param>
public sealed record RetainAttention(Tensor Logits, Tensor VisitWeights, Tensor VariableWeights, Tensor Visits);
