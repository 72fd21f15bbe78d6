using Galen.Core.Clinical;
using Galen.Core.Learning;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Deep.Training;

namespace Galen.Deep.Persistence;

/// <summary>
/// The configuration entry of a saved deep model: everything except the weights that is needed
/// to rebuild it (family and settings, target, learned scaling and vocabulary), plus how it was
/// trained. Exactly one family's fields are set.
/// </summary>
public sealed record DeepModelDocument
{
    /// <summary>Identifies the document kind.</summary>
    public const string FormatName = "galen.deep-model";

    /// <summary>
    /// The version this build writes and reads (and every older one). 2: time-series models may
    /// carry summary statistics and a linear path to the head (version 1 has neither). 3: the
    /// conditional GAN's networks are conditioned at every generator stage and have projection
    /// and class heads on the discriminator; GANs of versions 1 and 2 are refused.
    /// </summary>
    public const int CurrentVersion = 3;

    public string Format { get; init; } = FormatName;

    public int Version { get; init; } = CurrentVersion;

    /// <summary><c>mlp</c>, <c>visit-sequence</c>, <c>time-series</c>, <c>image-classifier</c> or <c>image-gan</c>.</summary>
    public required string Family { get; init; }

    public required string Description { get; init; }

    public required LabelSchema Schema { get; init; }

    /// <summary>Regression: training mean of the target.</summary>
    public float? TargetMean { get; init; }

    /// <summary>Regression: training standard deviation of the target.</summary>
    public float? TargetScale { get; init; }

    public MlpOptions? Mlp { get; init; }

    public FeatureScaling? FeatureScaling { get; init; }

    public VisitSequenceOptions? VisitSequence { get; init; }

    /// <summary>Visit-sequence models: the known codes; code <c>i</c> has embedding row <c>i + 2</c>.</summary>
    public IReadOnlyList<ClinicalCode>? Vocabulary { get; init; }

    public bool? UsesVisitTimes { get; init; }

    public TimeSeriesOptions? TimeSeries { get; init; }

    public TimeSeriesEncoding? TimeSeriesEncoding { get; init; }

    /// <summary>Image classifiers and GANs.</summary>
    public ImagingDocument? Imaging { get; init; }

    /// <summary>Text models (word2vec, note classifiers, seq2seq): settings and vocabularies.</summary>
    public Models.Text.TextModelDocument? Text { get; init; }

    /// <summary>The trainer settings the model was trained with.</summary>
    public TrainerOptions? Trainer { get; init; }

    /// <summary>How training went.</summary>
    public TrainingReport? Training { get; init; }
}
