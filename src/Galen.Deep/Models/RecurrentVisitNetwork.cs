using Galen.Deep.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models;

/// <summary>
/// Visit codes → visit embeddings (+ the time since the previous visit) → GRU or LSTM over
/// the visits → final state → linear head. The Doctor AI / PyHealth RNN design.
/// </summary>
public sealed class RecurrentVisitNetwork : nn.Module<VisitBatch, Tensor>
{
    private readonly VisitEmbedding _embedding;
    private readonly Linear? _gap;
    private readonly Dropout _dropout;
    private readonly RecurrentEncoder _encoder;
    private readonly Linear _head;

    public RecurrentVisitNetwork(RecurrentCell cell, int vocabularySize, int embeddingSize, int hiddenSize, int layers, bool bidirectional, double dropout, bool usesVisitTimes, int outputs)
        : base(cell == RecurrentCell.Gru ? "GruVisitNetwork" : "LstmVisitNetwork")
    {
        _embedding = new VisitEmbedding(vocabularySize, embeddingSize);
        _gap = usesVisitTimes ? nn.Linear(1, embeddingSize) : null;
        _dropout = nn.Dropout(dropout);
        _encoder = new RecurrentEncoder(cell, embeddingSize, hiddenSize, layers, bidirectional, dropout);
        _head = nn.Linear(_encoder.OutputSize, outputs);
        RegisterComponents();
    }

    public override Tensor forward(VisitBatch input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var visits = _embedding.call(input);
        if (_gap is not null)
        {
            visits = visits + _gap.call(input.VisitGaps.unsqueeze(-1));
        }

        var state = _encoder.call(_dropout.call(visits), input.Lengths);
        return _head.call(_dropout.call(state));
    }
}
