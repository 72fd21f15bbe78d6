using Galen.Deep.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Galen.Deep.Models;

/// <summary>
/// Embeds each visit's code set as the sum of its codes' embeddings (an <c>EmbeddingBag</c>,
/// equivalent to a linear map of the visit's multi-hot vector), giving [batch, visits, size];
/// padding positions are empty bags and embed to zeros.
/// </summary>
public sealed class VisitEmbedding : nn.Module<VisitBatch, Tensor>
{
    private readonly EmbeddingBag _codes;

    /// <param name="vocabularySize">Rows of the table (<see cref="CodeVocabulary.Size"/>).</param>
    /// <param name="size">Embedding width.</param>
    public VisitEmbedding(int vocabularySize, int size)
        : base(nameof(VisitEmbedding))
    {
        VocabularySize = vocabularySize;
        Size = size;
        _codes = nn.EmbeddingBag(vocabularySize, size, mode: EmbeddingBagMode.Sum);
        using (no_grad())
        {
            _codes.weight!.normal_(0, InitialScale);
        }

        RegisterComponents();
    }

    /// <summary>Standard deviation of the initial code embeddings.</summary>
    public const double InitialScale = 0.1;

    public int VocabularySize { get; }

    public int Size { get; }

    /// <summary>The code embedding table [vocabulary, size].</summary>
    public Tensor Table => _codes.weight!;

    public override Tensor forward(VisitBatch input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Offsets.dim() != 1 || input.Offsets.shape[0] != (long)input.Size * input.Visits)
        {
            throw new ShapeMismatchException("VisitEmbedding offsets", $"[{(long)input.Size * input.Visits}]", input.Offsets.shape);
        }

        return _codes.call(input.Codes, input.Offsets).view(input.Size, input.Visits, Size);
    }
}
