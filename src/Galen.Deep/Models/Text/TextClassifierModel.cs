using System.Globalization;
using Galen.Core.Text;
using Galen.Deep.Data;
using Galen.Deep.Text;
using Galen.Deep.Training;
using Galen.Deep.Training.Objectives;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Models.Text;

/// <summary>A trained note classifier (text CNN or BiLSTM) with the vocabulary and tokenizer it reads with.</summary>
public sealed class TextClassifierModel : DeepModel<NoteTexts, TokenBatch>
{
    /// <summary>Family name in saved files.</summary>
    public const string FamilyName = "text-classifier";

    public TextClassifierModel(nn.Module<TokenBatch, Tensor> network, TrainingObjective objective, TextEncoding encoding, TextClassifierOptions options, string? pretrainedFrom, Device device, TrainingReport? training)
        : base(network, objective, device, training)
    {
        Encoding = encoding ?? throw new ArgumentNullException(nameof(encoding));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        PretrainedFrom = pretrainedFrom;
    }

    public override string Family => FamilyName;

    /// <summary>Tokenizer, vocabulary and maximum length.</summary>
    public TextEncoding Encoding { get; }

    /// <summary>The network's settings (with the word-vector width actually used).</summary>
    public TextClassifierOptions Options { get; }

    /// <summary>The word vectors training started from, in words, or null when learned from scratch.</summary>
    public string? PretrainedFrom { get; }

    public override string Description
    {
        get
        {
            string network = Options.Architecture == TextArchitecture.Cnn
                ? $"text CNN, widths {string.Join("/", Options.KernelWidths)} × {Options.Filters} filters"
                : $"BiLSTM, {Options.Layers} × {Options.HiddenSize} per direction";
            string vectors = PretrainedFrom is null
                ? $"{Options.EmbeddingSize}-d word vectors learned from scratch"
                : $"{Options.EmbeddingSize}-d word2vec vectors, {(Options.FreezeEmbeddings ? "frozen" : "fine-tuned")}";
            return string.Create(CultureInfo.InvariantCulture, $"{network}, {vectors}, {Encoding.Vocabulary.Size - Encoding.Vocabulary.Specials:N0} words, first {Options.MaxTokens} tokens");
        }
    }

    public override IBatchSource<TokenBatch> Encode(NoteTexts inputs, string source)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Encoding.Encode(inputs.Texts, source);
    }
}
