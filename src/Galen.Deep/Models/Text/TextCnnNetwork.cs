using Galen.Deep.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Text;

/// <summary>
/// Kim (2014)'s convolutional text classifier: word vectors → for each kernel width, a 1-D
/// convolution with ReLU and max over time (only over windows that start inside the text) →
/// concatenation → dropout → linear head. Texts shorter than the widest kernel are padded with
/// zero vectors, as Kim pads sentences.
/// </summary>
public sealed class TextCnnNetwork : nn.Module<TokenBatch, Tensor>
{
    private readonly Embedding embedding;
    private readonly ModuleList<Conv1d> convolutions = new();
    private readonly Dropout dropout;
    private readonly Linear head;
    private readonly int[] _widths;

    /// <param name="words">Vocabulary size.</param>
    /// <param name="dimensions">Word-vector width.</param>
    /// <param name="widths">Kernel widths in words.</param>
    /// <param name="filters">Feature maps per width.</param>
    /// <param name="dropoutRate">Dropout before the head.</param>
    /// <param name="outputs">Logits per sample.</param>
    /// <param name="pretrained">Vectors to start from, or null.</param>
    /// <param name="freeze">Keep pretrained vectors fixed.</param>
    public TextCnnNetwork(int words, int dimensions, IReadOnlyList<int> widths, int filters, double dropoutRate, int outputs, float[]? pretrained = null, bool freeze = false)
        : base(nameof(TextCnnNetwork))
    {
        ArgumentNullException.ThrowIfNull(widths);
        embedding = WordEmbedding.Create(words, dimensions, pretrained, freeze);
        _widths = widths.ToArray();
        foreach (int width in _widths)
        {
            convolutions.Add(nn.Conv1d(dimensions, filters, width));
        }

        dropout = nn.Dropout(dropoutRate);
        head = nn.Linear(filters * _widths.Length, outputs);
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
            throw new ShapeMismatchException("TextCnn input", "[batch, tokens]", batch.Tokens.shape);
        }

        var x = embedding.call(batch.Tokens).transpose(1, 2);        // [B, D, T]
        int widest = _widths.Max();
        if (x.shape[2] < widest)
        {
            x = nn.functional.pad(x, [0, widest - x.shape[2]]);
        }

        var lengths = batch.Lengths.to(x.device).unsqueeze(1);       // [B, 1]
        var pooled = new Tensor[_widths.Length];
        for (int i = 0; i < _widths.Length; i++)
        {
            var maps = nn.functional.relu(convolutions[i].call(x));  // [B, F, T − w + 1]
            long positions = maps.shape[2];
            var valid = arange(positions, device: x.device).unsqueeze(0) < (lengths - _widths[i] + 1).clamp_min(1);
            pooled[i] = maps.masked_fill(valid.logical_not().unsqueeze(1), float.NegativeInfinity).amax(2);
        }

        return head.call(dropout.call(cat(pooled, 1)));
    }
}
