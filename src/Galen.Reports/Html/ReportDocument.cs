using Galen.Core.Bundles;
using Galen.Evaluation.Summaries;

namespace Galen.Reports.Html;

/// <summary>One patient's prediction and the reasons behind it, for the report's explanation section.</summary>
/// <param name="Sample">Pseudonymous sample key.</param>
/// <param name="PredictedRisk">The model's predicted probability.</param>
/// <param name="Reasons">Top reasons in clinical words.</param>
public sealed record PatientExplanation(string Sample, double PredictedRisk, IReadOnlyList<string> Reasons);

/// <summary>Everything a report shows: the data, the models (best first) and the model card facts.</summary>
public sealed record ReportDocument
{
    public required string Title { get; init; }

    /// <summary>Data set or task name.</summary>
    public required string Dataset { get; init; }

    /// <summary>Evaluations, best model first.</summary>
    public required IReadOnlyList<ModelEvaluation> Models { get; init; }

    public required ModelCardFacts Card { get; init; }

    /// <summary>Fingerprint of the training data, when known.</summary>
    public DataFingerprint? Fingerprint { get; init; }

    /// <summary>Source rows set aside (e.g. without a label), reported rather than dropped silently.</summary>
    public int RejectedRows { get; init; }

    /// <summary>Example explanations from the best model (or from <see cref="ExplanationModel"/>).</summary>
    public IReadOnlyList<PatientExplanation> Explanations { get; init; } = [];

    /// <summary>The model the example explanations come from, when it is not the best one (which cannot explain single predictions).</summary>
    public string? ExplanationModel { get; init; }

    /// <summary>
    /// Reference rows shown under the leaderboard but not ranked, e.g. the generator's true risks
    /// on the same test samples (the best achievable score) on synthetic data.
    /// </summary>
    public IReadOnlyList<ModelEvaluation> References { get; init; } = [];

    /// <summary>Where each model's bundle was written, by model name.</summary>
    public IReadOnlyDictionary<string, string> Bundles { get; init; } = new Dictionary<string, string>();

    public DateTime GeneratedUtc { get; init; } = DateTime.UtcNow;
}
