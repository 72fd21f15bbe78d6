using System.Text.Json.Serialization;
using Galen.Core.Errors;
using Galen.Deep.Data;
using Galen.Deep.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Galen.Deep.Models;

/// <summary>Settings of a visit-sequence model (architecture, sizes, encoding) and of its training.</summary>
public sealed record VisitSequenceOptions
{
    public VisitArchitecture Architecture { get; init; } = VisitArchitecture.Gru;

    /// <summary>Width of code and visit embeddings (the Transformer's model width).</summary>
    public int EmbeddingSize { get; init; } = 64;

    /// <summary>Hidden units per direction of the RNNs (GRU, LSTM, RETAIN's attention RNNs).</summary>
    public int HiddenSize { get; init; } = 64;

    /// <summary>Stacked RNN or Transformer layers (RETAIN has one of each RNN).</summary>
    public int Layers { get; init; } = 1;

    /// <summary>GRU/LSTM: also read the visits backwards.</summary>
    public bool Bidirectional { get; init; }

    /// <summary>Transformer: attention heads; must divide <see cref="EmbeddingSize"/>.</summary>
    public int Heads { get; init; } = 4;

    /// <summary>Transformer: width of each layer's feed-forward block.</summary>
    public int FeedForwardSize { get; init; } = 128;

    public double Dropout { get; init; } = 0.1;

    /// <summary>Most recent visits kept per sample.</summary>
    public int MaxVisits { get; init; } = 50;

    /// <summary>Codes seen in fewer training visits than this are read as the unknown code.</summary>
    public int MinCodeCount { get; init; } = 1;

    /// <summary>Use the time between visits when the samples carry visit times.</summary>
    public bool UseVisitTimes { get; init; } = true;

    /// <summary>How the network is trained.</summary>
    [JsonIgnore]
    public TrainerOptions Training { get; init; } = new();

    /// <summary>Throws a <see cref="GalenConfigurationException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        ArchitectureChecks.AtLeast(EmbeddingSize, 1, "The embedding size");
        ArchitectureChecks.AtLeast(HiddenSize, 1, "The hidden size");
        ArchitectureChecks.AtLeast(Layers, 1, "Layers");
        ArchitectureChecks.AtLeast(MaxVisits, 1, "The maximum number of visits");
        ArchitectureChecks.AtLeast(MinCodeCount, 1, "The minimum code count");
        ArchitectureChecks.Dropout(Dropout);
        if (Architecture == VisitArchitecture.Transformer)
        {
            ArchitectureChecks.AtLeast(Heads, 1, "Attention heads");
            ArchitectureChecks.AtLeast(FeedForwardSize, 1, "The feed-forward size");
            if (EmbeddingSize % Heads != 0)
            {
                throw new GalenConfigurationException(
                    $"A Transformer splits its width among its heads: embedding size {EmbeddingSize} is not divisible by {Heads} heads.",
                    "Choose an embedding size that is a multiple of the number of heads.");
            }
        }

        if (Bidirectional && Architecture is VisitArchitecture.Transformer or VisitArchitecture.Retain)
        {
            throw new GalenConfigurationException(
                $"Bidirectional reading applies to GRU and LSTM models, not {Architecture}.",
                "A Transformer already attends in both directions; RETAIN reads in reverse time by design.");
        }

        Training.Validate();
    }

    /// <summary>The network these settings describe.</summary>
    /// <param name="vocabularySize">Rows of the code embedding table.</param>
    /// <param name="usesVisitTimes">Whether the time between visits is an input.</param>
    /// <param name="outputs">Logits per sample.</param>
    public nn.Module<VisitBatch, Tensor> CreateNetwork(int vocabularySize, bool usesVisitTimes, int outputs) => Architecture switch
    {
        VisitArchitecture.Gru => new RecurrentVisitNetwork(RecurrentCell.Gru, vocabularySize, EmbeddingSize, HiddenSize, Layers, Bidirectional, Dropout, usesVisitTimes, outputs),
        VisitArchitecture.Lstm => new RecurrentVisitNetwork(RecurrentCell.Lstm, vocabularySize, EmbeddingSize, HiddenSize, Layers, Bidirectional, Dropout, usesVisitTimes, outputs),
        VisitArchitecture.Transformer => new TransformerVisitNetwork(vocabularySize, EmbeddingSize, Heads, FeedForwardSize, Layers, Dropout, MaxVisits, usesVisitTimes, outputs),
        VisitArchitecture.Retain => new RetainNetwork(vocabularySize, EmbeddingSize, HiddenSize, Dropout, usesVisitTimes, outputs),
        _ => throw new GalenConfigurationException($"Unknown visit architecture {Architecture}."),
    };
}
