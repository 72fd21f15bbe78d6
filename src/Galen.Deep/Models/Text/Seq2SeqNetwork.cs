using Galen.Deep.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Text;

/// <summary>What the encoder made of a batch of sources, read by every decoder step.</summary>
/// <param name="Outputs">Encoder states per source token (both directions): [batch, tokens, 2·hidden].</param>
/// <param name="Keys">Those states projected for attention: [batch, tokens, hidden].</param>
/// <param name="Mask">True at real source tokens: bool [batch, tokens].</param>
/// <param name="Initial">The decoder's first state: [batch, hidden].</param>
public sealed record EncodedSource(Tensor Outputs, Tensor Keys, Tensor Mask, Tensor Initial)
{
    /// <summary>The same sources, rows picked (and repeated) by <paramref name="rows"/> (for beam search).</summary>
    public EncodedSource Select(Tensor rows) => new(Outputs.index_select(0, rows), Keys.index_select(0, rows), Mask.index_select(0, rows), Initial.index_select(0, rows));
}

/// <summary>
/// An encoder–decoder with additive attention (Bahdanau, Cho and Bengio 2015): a bidirectional
/// GRU reads the source; the decoder's first state is tanh(W·[last forward; first backward
/// state]); at each step the previous decoder state scores every source position with
/// vᵀ tanh(W s + U h), the softmax of the scores (padding masked out) weighs the encoder states
/// into a context, a GRU cell reads [previous word; context], and a linear layer over
/// [state; context; previous word] gives the next word's logits. Training is teacher-forced
/// (optionally mixed with the model's own previous guesses).
/// </summary>
public sealed class Seq2SeqNetwork : nn.Module<PairBatch, Tensor>
{
    private readonly Embedding sourceEmbedding;
    private readonly GRU encoder;
    private readonly Linear bridge;
    private readonly Linear keys;
    private readonly Linear query;
    private readonly Linear score;
    private readonly Embedding targetEmbedding;
    private readonly GRUCell decoder;
    private readonly Linear output;
    private readonly Dropout dropout;

    /// <param name="sourceWords">Source vocabulary size.</param>
    /// <param name="targetWords">Target vocabulary size.</param>
    /// <param name="embedding">Word-vector width (both sides).</param>
    /// <param name="hidden">Encoder units per direction; decoder and attention width.</param>
    /// <param name="dropoutRate">Dropout on word vectors and before the output layer.</param>
    /// <param name="teacherForcing">Share of training steps that read the true previous word rather than the model's guess.</param>
    public Seq2SeqNetwork(int sourceWords, int targetWords, int embedding, int hidden, double dropoutRate, double teacherForcing)
        : base(nameof(Seq2SeqNetwork))
    {
        sourceEmbedding = nn.Embedding(sourceWords, embedding, padding_idx: WordVocabulary.Padding);
        encoder = nn.GRU(embedding, hidden, 1, batchFirst: true, bidirectional: true);
        bridge = nn.Linear(2 * hidden, hidden);
        keys = nn.Linear(2 * hidden, hidden, hasBias: false);
        query = nn.Linear(hidden, hidden);
        score = nn.Linear(hidden, 1, hasBias: false);
        targetEmbedding = nn.Embedding(targetWords, embedding, padding_idx: WordVocabulary.Padding);
        decoder = nn.GRUCell(embedding + (2 * hidden), hidden);
        output = nn.Linear(hidden + (2 * hidden) + embedding, targetWords);
        dropout = nn.Dropout(dropoutRate);
        TargetWords = targetWords;
        Hidden = hidden;
        TeacherForcing = teacherForcing;
        RegisterComponents();
    }

    /// <summary>Target vocabulary size (logits per step).</summary>
    public int TargetWords { get; }

    /// <summary>Decoder width.</summary>
    public int Hidden { get; }

    /// <summary>Share of training steps fed the true previous word.</summary>
    public double TeacherForcing { get; }

    /// <summary>Reads a batch of sources.</summary>
    public EncodedSource Encode(TokenBatch source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Tokens.dim() != 2)
        {
            throw new ShapeMismatchException("Seq2Seq source", "[batch, tokens]", source.Tokens.shape);
        }

        var x = dropout.call(sourceEmbedding.call(source.Tokens));
        using var packed = nn.utils.rnn.pack_padded_sequence(x, source.Lengths, batch_first: true, enforce_sorted: false);
        var (states, last) = encoder.call(packed);
        var (outputs, _) = nn.utils.rnn.pad_packed_sequence(states, batch_first: true);   // [B, S', 2H]
        states.Dispose();
        var mask = source.Mask[.., ..(int)outputs.shape[1]];
        var initial = tanh(bridge.call(cat([last[0], last[1]], 1)));                       // last: [2, B, H]
        return new EncodedSource(outputs, keys.call(outputs), mask, initial);
    }

    /// <summary>One decoder step.</summary>
    /// <param name="source">The encoded sources.</param>
    /// <param name="previous">The previous word of each row: int64 [batch].</param>
    /// <param name="state">The decoder state: [batch, hidden].</param>
    /// <returns>Next-word logits [batch, target words], the new state, and the attention weights [batch, source tokens].</returns>
    public (Tensor Logits, Tensor State, Tensor Attention) Step(EncodedSource source, Tensor previous, Tensor state)
    {
        ArgumentNullException.ThrowIfNull(source);
        var word = dropout.call(targetEmbedding.call(previous));                                // [B, E]
        var energy = score.call(tanh(source.Keys + query.call(state).unsqueeze(1))).squeeze(2); // [B, S]
        var attention = softmax(energy.masked_fill(source.Mask.logical_not(), float.NegativeInfinity), 1);
        var context = bmm(attention.unsqueeze(1), source.Outputs).squeeze(1);                 // [B, 2H]
        var next = decoder.call(cat([word, context], 1), state);
        var logits = output.call(dropout.call(cat([next, context, word], 1)));
        return (logits, next, attention);
    }

    /// <summary>Teacher-forced next-word logits for every target position: [batch, steps, target words].</summary>
    public override Tensor forward(PairBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var source = Encode(batch.Source);
        var state = source.Initial;
        var steps = new Tensor[batch.Steps];
        Tensor? guess = null;
        for (int t = 0; t < batch.Steps; t++)
        {
            var previous = batch.DecoderInputs[.., t];
            if (training && TeacherForcing < 1 && guess is not null)
            {
                // Scheduled sampling: some rows read the model's own previous guess (libtorch's generator decides).
                var own = rand(batch.Size, device: previous.device) >= TeacherForcing;
                previous = where(own, guess, previous);
            }

            var (logits, next, _) = Step(source, previous, state);
            steps[t] = logits;
            state = next;
            guess = logits.argmax(1).detach();
        }

        return stack(steps, 1);
    }
}
