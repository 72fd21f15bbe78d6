using Galen.Deep.Data;
using Galen.Deep.Training;

namespace Galen.Deep.Models;

/// <summary>
/// Settings for a model made by name through <see cref="DeepModelCatalog"/> (as the CLI's
/// <c>galen train --model NAME</c> does): the trainer's settings plus architecture sizes, each
/// left null to take the family's default. Sizes that a family does not use are ignored.
/// </summary>
public sealed record DeepModelSettings
{
    public TrainerOptions Training { get; init; } = new();

    /// <summary>MLP: width of each hidden layer.</summary>
    public IReadOnlyList<int>? HiddenLayers { get; init; }

    /// <summary>Visit models: code and visit embedding width.</summary>
    public int? EmbeddingSize { get; init; }

    /// <summary>RNNs: hidden units per direction.</summary>
    public int? HiddenSize { get; init; }

    /// <summary>RNN or Transformer layers.</summary>
    public int? Layers { get; init; }

    /// <summary>GRU/LSTM: also read backwards.</summary>
    public bool? Bidirectional { get; init; }

    /// <summary>Transformer: attention heads.</summary>
    public int? Heads { get; init; }

    /// <summary>Transformer: feed-forward width.</summary>
    public int? FeedForwardSize { get; init; }

    public double? Dropout { get; init; }

    /// <summary>Visit models: most recent visits kept.</summary>
    public int? MaxVisits { get; init; }

    /// <summary>Time-series models: most recent steps kept.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Time-series models: per-channel summary statistics joined before the head (empty: none).</summary>
    public IReadOnlyList<SeriesStatistic>? SummaryStatistics { get; init; }
}
