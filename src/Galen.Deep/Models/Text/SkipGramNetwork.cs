using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Text;

/// <summary>
/// Skip-gram with negative sampling (Mikolov et al. 2013): an input vector per word (the
/// embedding that is kept) and an output vector per word (used only in training). For each
/// (word, context) pair the loss is −log σ(u_c·v_w) − Σ_k log σ(−u_k·v_w) over k noise words;
/// the network returns its mean over pairs. Initialised as the original: input vectors uniform
/// in ±0.5/dimensions, output vectors zero.
/// </summary>
public sealed class SkipGramNetwork : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly Embedding input;
    private readonly Embedding output;

    /// <param name="words">Rows of both tables (the vocabulary size, special tokens included).</param>
    /// <param name="dimensions">Width of a word vector.</param>
    public SkipGramNetwork(int words, int dimensions)
        : base(nameof(SkipGramNetwork))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(words, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Words = words;
        Dimensions = dimensions;
        input = nn.Embedding(words, dimensions);
        output = nn.Embedding(words, dimensions);
        using (no_grad())
        {
            double bound = 0.5 / dimensions;
            input.weight!.uniform_(-bound, bound);
            output.weight!.zero_();
        }

        RegisterComponents();
    }

    /// <summary>Rows of the tables.</summary>
    public int Words { get; }

    /// <summary>Width of a word vector.</summary>
    public int Dimensions { get; }

    /// <summary>The input vectors (the word embeddings): [words, dimensions].</summary>
    public Tensor InputVectors => input.weight!;

    /// <summary>The output (context) vectors: [words, dimensions]. Zero before training.</summary>
    public Tensor OutputVectors => output.weight!;

    /// <param name="words">Centre words: int64 [pairs].</param>
    /// <param name="contexts">Their observed context words: int64 [pairs].</param>
    /// <param name="noise">Noise words per pair: int64 [pairs, negatives].</param>
    /// <returns>The mean loss per pair (a scalar).</returns>
    public override Tensor forward(Tensor words, Tensor contexts, Tensor noise)
    {
        if (words.dim() != 1 || contexts.dim() != 1 || noise.dim() != 2 || contexts.shape[0] != words.shape[0] || noise.shape[0] != words.shape[0])
        {
            throw new ShapeMismatchException("SkipGram pairs", $"[pairs], [pairs], [pairs, negatives] with pairs = {words.shape[0]}", noise.shape);
        }

        var v = input.call(words);                                   // [P, D]
        var u = output.call(contexts);                               // [P, D]
        var n = output.call(noise);                                  // [P, K, D]
        var positive = nn.functional.logsigmoid((v * u).sum(1));     // [P]
        var negative = nn.functional.logsigmoid(-bmm(n, v.unsqueeze(2)).squeeze(2)).sum(1);
        return -(positive + negative).mean();
    }
}
