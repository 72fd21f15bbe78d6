using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Text;

/// <summary>
/// The word-vector table of a text network: learned from scratch (N(0, 1) rows, as PyTorch),
/// or started from pretrained vectors (word2vec), then frozen or fine-tuned. The padding row is
/// zero and receives no gradient.
/// </summary>
internal static class WordEmbedding
{
    /// <param name="words">Rows (vocabulary size).</param>
    /// <param name="dimensions">Width.</param>
    /// <param name="pretrained">Row-major [words × dimensions] vectors to start from, or null.</param>
    /// <param name="freeze">Keep pretrained vectors fixed during training.</param>
    public static Embedding Create(int words, int dimensions, float[]? pretrained, bool freeze)
    {
        if (pretrained is null)
        {
            return nn.Embedding(words, dimensions, padding_idx: 0);
        }

        if (pretrained.Length != (long)words * dimensions)
        {
            throw new ShapeMismatchException("pretrained word vectors", $"[{words}, {dimensions}]", [pretrained.Length]);
        }

        var embedding = nn.Embedding(words, dimensions, padding_idx: 0);
        using (no_grad())
        {
            using var table = tensor(pretrained, [words, dimensions]);
            embedding.weight!.copy_(table);
            embedding.weight![0].zero_();
        }

        embedding.weight!.requires_grad = !freeze;
        return embedding;
    }
}
