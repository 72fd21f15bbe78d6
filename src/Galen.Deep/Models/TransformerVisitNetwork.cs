using Galen.Deep.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models;

/// <summary>
/// Visit codes → visit embeddings + learned visit-position embeddings (+ the time since the
/// previous visit) → Transformer encoder (post-norm layers, padding masked out of attention) →
/// mean over real visits → linear head.
/// </summary>
public sealed class TransformerVisitNetwork : nn.Module<VisitBatch, Tensor>
{
    private readonly VisitEmbedding _embedding;
    private readonly Embedding _positions;
    private readonly Linear? _gap;
    private readonly Dropout _dropout;
    private readonly TransformerEncoder _encoder;
    private readonly Linear _head;

    public TransformerVisitNetwork(int vocabularySize, int embeddingSize, int heads, int feedForwardSize, int layers, double dropout, int maxVisits, bool usesVisitTimes, int outputs)
        : base(nameof(TransformerVisitNetwork))
    {
        MaxVisits = maxVisits;
        _embedding = new VisitEmbedding(vocabularySize, embeddingSize);
        _positions = nn.Embedding(maxVisits, embeddingSize);
        _gap = usesVisitTimes ? nn.Linear(1, embeddingSize) : null;
        _dropout = nn.Dropout(dropout);
        _encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(embeddingSize, heads, feedForwardSize, dropout), layers);
        _head = nn.Linear(embeddingSize, outputs);
        RegisterComponents();
    }

    /// <summary>Longest sequence the position table covers.</summary>
    public int MaxVisits { get; }

    public override Tensor forward(VisitBatch input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Visits > MaxVisits)
        {
            throw new ShapeMismatchException("TransformerVisitNetwork positions", $"[batch, at most {MaxVisits} visits]", [input.Size, input.Visits]);
        }

        // A view of the first rows of the position table: no index tensor per step.
        var visits = _embedding.call(input) + _positions.weight!.narrow(0, 0, input.Visits).unsqueeze(0);
        if (_gap is not null)
        {
            visits = visits + _gap.call(input.VisitGaps.unsqueeze(-1));
        }

        var padding = input.VisitMask.logical_not();
        var encoded = _encoder.call(_dropout.call(visits).transpose(0, 1), null, padding).transpose(0, 1);
        var mask = input.VisitMask.unsqueeze(-1).to_type(encoded.dtype);
        var pooled = (encoded * mask).sum(1) / mask.sum(1);
        return _head.call(_dropout.call(pooled));
    }
}
