using System.Text.Json.Serialization;
using Galen.Core.Errors;
using Galen.Deep.Text;
using Galen.Deep.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Text;

/// <summary>Settings of a note classifier (text CNN or BiLSTM) and of its training.</summary>
public sealed record TextClassifierOptions
{
    public TextArchitecture Architecture { get; init; } = TextArchitecture.Cnn;

    /// <summary>Word-vector width when learned from scratch (pretrained vectors bring their own).</summary>
    public int EmbeddingSize { get; init; } = 100;

    /// <summary>CNN: kernel widths in words.</summary>
    public IReadOnlyList<int> KernelWidths { get; init; } = [3, 4, 5];

    /// <summary>CNN: feature maps per kernel width.</summary>
    public int Filters { get; init; } = 100;

    /// <summary>BiLSTM: hidden units per direction.</summary>
    public int HiddenSize { get; init; } = 64;

    /// <summary>BiLSTM: stacked layers.</summary>
    public int Layers { get; init; } = 1;

    public double Dropout { get; init; } = 0.5;

    /// <summary>Tokens read from the start of each text; the rest are counted and left out.</summary>
    public int MaxTokens { get; init; } = 512;

    /// <summary>Without pretrained vectors: words seen fewer times in the training texts are read as unknown.</summary>
    public int MinWordCount { get; init; } = 2;

    /// <summary>Without pretrained vectors: keep at most this many words (the most frequent).</summary>
    public int? MaxWords { get; init; } = 30_000;

    /// <summary>How text is cut into words (ignored with pretrained vectors, which bring their tokenizer).</summary>
    public TextTokenizer Tokenizer { get; init; } = new();

    /// <summary>
    /// Word vectors to start from (their vocabulary and tokenizer are used); null learns vectors
    /// from scratch. Not saved: a trained classifier keeps its own copy of the vectors.
    /// </summary>
    [JsonIgnore]
    public Word2VecModel? PretrainedEmbeddings { get; init; }

    /// <summary>With pretrained vectors: keep them fixed (true) or fine-tune them with the rest (false).</summary>
    public bool FreezeEmbeddings { get; init; }

    /// <summary>How the network is trained.</summary>
    [JsonIgnore]
    public TrainerOptions Training { get; init; } = new();

    /// <summary>Throws a <see cref="GalenConfigurationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        ArchitectureChecks.AtLeast(EmbeddingSize, 1, "The embedding size");
        ArchitectureChecks.AtLeast(MaxTokens, 1, "The maximum number of tokens");
        ArchitectureChecks.AtLeast(MinWordCount, 1, "The minimum word count");
        ArchitectureChecks.Dropout(Dropout);
        if (MaxWords is { } max)
        {
            ArchitectureChecks.AtLeast(max, 1, "The maximum vocabulary");
        }

        if (Architecture == TextArchitecture.Cnn)
        {
            ArchitectureChecks.AtLeast(Filters, 1, "Filters per kernel width");
            if (KernelWidths is null || KernelWidths.Count == 0 || KernelWidths.Any(w => w < 1))
            {
                throw new GalenConfigurationException(
                    $"A text CNN needs at least one kernel width, each at least 1 word (got [{string.Join(", ", KernelWidths ?? [])}]).",
                    "Kim (2014) uses widths 3, 4 and 5.");
            }
        }
        else
        {
            ArchitectureChecks.AtLeast(HiddenSize, 1, "The hidden size");
            ArchitectureChecks.AtLeast(Layers, 1, "Layers");
        }

        if (FreezeEmbeddings && PretrainedEmbeddings is null)
        {
            throw new GalenConfigurationException(
                "Freezing the word vectors needs pretrained vectors to freeze.",
                "Pass a trained Word2VecModel as PretrainedEmbeddings, or leave FreezeEmbeddings off.");
        }

        ArgumentNullException.ThrowIfNull(Tokenizer);
        Training.Validate();
    }

    /// <summary>The network these settings describe.</summary>
    /// <param name="words">Vocabulary size.</param>
    /// <param name="dimensions">Word-vector width.</param>
    /// <param name="outputs">Logits per sample.</param>
    /// <param name="pretrained">Vectors to start from, or null.</param>
    public nn.Module<TokenBatch, Tensor> CreateNetwork(int words, int dimensions, int outputs, float[]? pretrained = null) => Architecture switch
    {
        TextArchitecture.Cnn => new TextCnnNetwork(words, dimensions, KernelWidths, Filters, Dropout, outputs, pretrained, FreezeEmbeddings),
        TextArchitecture.BiLstm => new TextBiLstmNetwork(words, dimensions, HiddenSize, Layers, Dropout, outputs, pretrained, FreezeEmbeddings),
        _ => throw new GalenConfigurationException($"Unknown text architecture {Architecture}."),
    };
}
