using Galen.Core.Learning;

namespace Galen.Evaluation.Explanations;

/// <summary>One reason behind a prediction, in clinical words.</summary>
/// <param name="Feature">The feature.</param>
/// <param name="Value">The patient's value (NaN when not recorded).</param>
/// <param name="Contribution">Signed push on the model's score (positive raises the predicted risk).</param>
/// <param name="Text">The reason as a clinician reads it, e.g. "last creatinine 2.3 mg/dL raises the risk".</param>
public sealed record Reason(FeatureSpec Feature, float Value, double Contribution, string Text);
