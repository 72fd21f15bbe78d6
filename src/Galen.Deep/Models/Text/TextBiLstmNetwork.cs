using Galen.Deep.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Text;

/// <summary>
/// A bidirectional LSTM text classifier: word vectors → dropout → packed BiLSTM (padding never
/// reaches the recurrence) → max over time of the outputs at real tokens (both directions) →
/// dropout → linear head.
/// </summary>
public sealed class TextBiLstmNetwork : nn.Module<TokenBatch, Tensor>
{
    private readonly Embedding embedding;
    private readonly Dropout inputDropout;
    private readonly LSTM lstm;
    private readonly Dropout outputDropout;
    private readonly Linear head;

    /// <param name="words">Vocabulary size.</param>
    /// <param name="dimensions">Word-vector width.</param>
    /// <param name="hidden">Hidden units per direction.</param>
    /// <param name="layers">Stacked layers.</param>
    /// <param name="dropoutRate">Dropout on the word vectors, between layers and before the head.</param>
    /// <param name="outputs">Logits per sample.</param>
    /// <param name="pretrained">Vectors to start from, or null.</param>
    /// <param name="freeze">Keep pretrained vectors fixed.</param>
    public TextBiLstmNetwork(int words, int dimensions, int hidden, int layers, double dropoutRate, int outputs, float[]? pretrained = null, bool freeze = false)
        : base(nameof(TextBiLstmNetwork))
    {
        embedding = WordEmbedding.Create(words, dimensions, pretrained, freeze);
        inputDropout = nn.Dropout(dropoutRate);
        lstm = nn.LSTM(dimensions, hidden, layers, batchFirst: true, dropout: layers > 1 ? dropoutRate : 0, bidirectional: true);
        outputDropout = nn.Dropout(dropoutRate);
        head = nn.Linear(2 * hidden, outputs);
        Dimensions = dimensions;
        RegisterComponents();
    }

    /// <summary>Word-vector width.</summary>
    public int Dimensions { get; }

    /// <summary>The word-vector table.</summary>
    public Embedding Embedding => embedding;

    public override Tensor forward(TokenBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Tokens.dim() != 2)
        {
            throw new ShapeMismatchException("TextBiLstm input", "[batch, tokens]", batch.Tokens.shape);
        }

        var x = inputDropout.call(embedding.call(batch.Tokens));     // [B, T, D]
        using var packed = nn.utils.rnn.pack_padded_sequence(x, batch.Lengths, batch_first: true, enforce_sorted: false);
        var (output, h, c) = lstm.call(packed);
        h.Dispose();
        c.Dispose();
        var (padded, _) = nn.utils.rnn.pad_packed_sequence(output, batch_first: true);  // [B, T', 2H]
        output.Dispose();
        long steps = padded.shape[1];
        var real = batch.Mask[.., ..(int)steps].unsqueeze(2);
        var pooled = padded.masked_fill(real.logical_not(), float.NegativeInfinity).amax(1);
        return head.call(outputDropout.call(pooled));
    }
}
