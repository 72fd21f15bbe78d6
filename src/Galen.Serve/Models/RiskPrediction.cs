namespace Galen.Serve.Models;

/// <summary>One patient's risk and why.</summary>
/// <param name="Probability">Probability of the outcome, in [0, 1].</param>
/// <param name="Reasons">The features that moved this prediction most, strongest first.</param>
public sealed record RiskPrediction(double Probability, IReadOnlyList<RiskReason> Reasons)
{
    /// <summary>
    /// How the reasons were found (e.g. "RETAIN attention", "occlusion"), or, when the model gives
    /// none, why; null for the tabular explainers, whose reasons are feature contributions.
    /// </summary>
    public string? ReasonMethod { get; init; }
}

/// <summary>
/// One reason for a prediction: a feature, its value for this patient and how much it moved the
/// risk (positive raises it).
/// </summary>
/// <param name="Feature">Machine name of the feature.</param>
/// <param name="DisplayName">The feature in clinical words.</param>
/// <param name="Value">The patient's value; null when missing.</param>
/// <param name="Unit">Unit of the value, when it has one.</param>
/// <param name="Contribution">Signed effect on the prediction in the explainer's units (e.g. log-odds).</param>
public sealed record RiskReason(string Feature, string DisplayName, double? Value, string? Unit, double Contribution)
{
    /// <summary>False for a reason that has no value to show (a code in the patient's visits, a whole series); its words then omit the value.</summary>
    public bool HasValue { get; init; } = true;
}
