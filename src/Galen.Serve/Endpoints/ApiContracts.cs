using Galen.Core.Learning;
using Galen.Serve.Models;
using Galen.Serve.Registry;

namespace Galen.Serve.Endpoints;

// The JSON shapes of the REST API. Records only; the endpoints fill them from the domain types.

/// <summary>A served model in the list.</summary>
public sealed record ModelSummary(string Id, int Version, string Title, string Outcome, string Description, int Features, DateTimeOffset RegisteredAt);

/// <summary>A feature a model reads.</summary>
public sealed record FeatureDescription(string Name, string DisplayName, string Kind, string? Unit)
{
    public static FeatureDescription Of(FeatureSpec spec) =>
        new(spec.Name, spec.DisplayName, spec.Kind.ToString().ToLowerInvariant(), spec.Unit);
}

/// <summary>The model card: what it is for, how well it did, where it came from.</summary>
public sealed record ModelCardResponse(
    string Id,
    int Version,
    string Title,
    string Description,
    OutcomeDescription Outcome,
    ModelCard Card,
    IReadOnlyList<FeatureDescription> Features,
    LineageDescription Lineage,
    IReadOnlyList<StageChangeDescription> History);

/// <summary>The predicted outcome.</summary>
public sealed record OutcomeDescription(string Name, string Description);

/// <summary>Lineage as shown on the card.</summary>
public sealed record LineageDescription(
    string DataFingerprint,
    IReadOnlyDictionary<string, string> TaskParameters,
    IReadOnlyDictionary<string, string> Configuration,
    IReadOnlyDictionary<string, double> Metrics,
    string BundleSha256,
    string RegisteredBy,
    DateTimeOffset RegisteredAt)
{
    public static LineageDescription Of(RegistryEntry entry) =>
        new(entry.Lineage.DataFingerprint, entry.Lineage.TaskParameters, entry.Lineage.Configuration, entry.Lineage.Metrics,
            entry.BundleSha256, entry.RegisteredBy, entry.RegisteredAt);
}

/// <summary>One stage change of a model.</summary>
public sealed record StageChangeDescription(int Version, string? From, string To, string Actor, DateTimeOffset At, string Reason);

/// <summary><c>POST /api/models/{id}/predict</c> body (documentation shape; the endpoint reads it strictly).</summary>
public sealed record PredictRequest(IReadOnlyDictionary<string, double?> Features, int? Reasons);

/// <summary>A prediction with its reasons.</summary>
public sealed record PredictionResponse(string Model, int Version, string Outcome, double Probability, string Indicator, IReadOnlyList<ReasonDescription> Reasons);

/// <summary>A reason, with its words.</summary>
public sealed record ReasonDescription(string Feature, string DisplayName, double? Value, string? Unit, double Contribution, string Direction, string Text)
{
    public static ReasonDescription Of(RiskReason reason) =>
        new(reason.Feature, reason.DisplayName, reason.Value, reason.Unit, reason.Contribution,
            reason.Contribution >= 0 ? "raises" : "lowers", ReasonText.Describe(reason));
}

/// <summary>A patient on the risk list.</summary>
public sealed record PatientRiskSummary(string PatientId, string Label, double? Probability, string? Indicator, DateTimeOffset? AsOf);

/// <summary>A patient's current risk, reasons and trend.</summary>
public sealed record PatientRiskDetail(string PatientId, string Model, int Version, string Outcome, double Probability, string Indicator, DateTimeOffset AsOf, IReadOnlyList<ReasonDescription> Reasons, IReadOnlyList<TrendPoint> Trend)
{
    /// <summary>How the reasons were found, or why there are none (models of patient records); null for tabular feature contributions.</summary>
    public string? ReasonMethod { get; init; }
}

/// <summary>The risk at one time.</summary>
public sealed record TrendPoint(DateTimeOffset AsOf, double Probability);

/// <summary>The authenticated caller.</summary>
public sealed record CallerDescription(string Name, IReadOnlyList<string> Roles);

/// <summary><c>POST /api/deidentify</c> body.</summary>
public sealed record DeidentifyRequest(string Text);

/// <summary>De-identified text and what was found.</summary>
public sealed record DeidentifyResponse(string Text, IReadOnlyList<PhiFound> Found);

/// <summary>One identifier found (its position in the original text and its kind; never its content).</summary>
public sealed record PhiFound(int Start, int Length, string Type);

/// <summary>Readiness: whether every production model is loaded, and what is not.</summary>
public sealed record ReadinessResponse(bool Ready, IReadOnlyList<string> Models, IReadOnlyList<string> Problems);
