using Galen.Deep.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models;

/// <summary>
/// RETAIN (Choi et al., 2016): two attention RNNs read the visits in reverse time order; one
/// gives each visit a weight α (softmax over visits), the other each visit's embedding
/// dimensions a weight β (tanh); the context Σ α·β⊙v goes to a linear head. Because the visit
/// embedding v is a plain sum of code embeddings, every prediction splits exactly into one
/// contribution per code per visit plus the head's bias (see <see cref="VisitSequenceModel.Explain"/>).
/// </summary>
public sealed class RetainNetwork : nn.Module<VisitBatch, Tensor>
{
    private readonly VisitEmbedding _embedding;
    private readonly Linear? _gap;
    private readonly Dropout _dropout;
    private readonly GRU _alphaRnn;
    private readonly GRU _betaRnn;
    private readonly Linear _alpha;
    private readonly Linear _beta;
    private readonly Linear _head;

    public RetainNetwork(int vocabularySize, int embeddingSize, int hiddenSize, double dropout, bool usesVisitTimes, int outputs)
        : base(nameof(RetainNetwork))
    {
        EmbeddingSize = embeddingSize;
        _embedding = new VisitEmbedding(vocabularySize, embeddingSize);
        _gap = usesVisitTimes ? nn.Linear(1, embeddingSize) : null;
        _dropout = nn.Dropout(dropout);
        _alphaRnn = nn.GRU(embeddingSize, hiddenSize, batchFirst: true);
        _betaRnn = nn.GRU(embeddingSize, hiddenSize, batchFirst: true);
        _alpha = nn.Linear(hiddenSize, 1);
        _beta = nn.Linear(hiddenSize, embeddingSize);
        _head = nn.Linear(embeddingSize, outputs);
        RegisterComponents();
    }

    public int EmbeddingSize { get; }

    /// <summary>The code embedding table [vocabulary, embedding].</summary>
    public Tensor CodeEmbeddings => _embedding.Table;

    /// <summary>The head's weights [outputs, embedding].</summary>
    public Tensor HeadWeights => _head.weight!;

    /// <summary>The head's bias [outputs].</summary>
    public Tensor HeadBias => _head.bias!;

    public override Tensor forward(VisitBatch input) => Attend(input).Logits;

    /// <summary>Runs the network and returns its attention weights with the logits.</summary>
    public RetainAttention Attend(VisitBatch input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var visits = _embedding.call(input);
        var readIn = _gap is null ? visits : visits + _gap.call(input.VisitGaps.unsqueeze(-1));
        readIn = _dropout.call(readIn);

        // Reverse each sample's real visits in place (padding stays at the end), so the RNNs
        // read from the most recent visit back; the same permutation undoes itself.
        var mask = input.VisitMask;
        var position = ones_like(mask, ScalarType.Int64).cumsum(1) - 1;
        var lengths = mask.sum(1, type: ScalarType.Int64).unsqueeze(1);
        var reverse = where(mask, lengths - 1 - position, position);
        var reversed = readIn.gather(1, reverse.unsqueeze(-1).expand(-1, -1, EmbeddingSize));

        using var packed = nn.utils.rnn.pack_padded_sequence(reversed, input.Lengths, batch_first: true, enforce_sorted: false);
        var scores = _alpha.call(Unpack(_alphaRnn, packed, input.Visits)).squeeze(-1).masked_fill(mask.logical_not(), double.NegativeInfinity);
        var alpha = softmax(scores, 1).gather(1, reverse);
        var beta = tanh(_beta.call(Unpack(_betaRnn, packed, input.Visits))).gather(1, reverse.unsqueeze(-1).expand(-1, -1, EmbeddingSize));
        var context = (alpha.unsqueeze(-1) * beta * visits).sum(1);
        return new RetainAttention(_head.call(_dropout.call(context)), alpha, beta, visits);
    }

    private static Tensor Unpack(GRU rnn, nn.utils.rnn.PackedSequence packed, int visits)
    {
        var (output, hidden) = rnn.call(packed);
        hidden.Dispose();
        using (output)
        {
            var (padded, _) = nn.utils.rnn.pad_packed_sequence(output, batch_first: true, total_length: visits);
            return padded;
        }
    }
}
