namespace Galen.Evaluation.OperatingPoints;

/// <summary>A decision threshold and what it gives: call positive when the score ≥ <see cref="Threshold"/>.</summary>
/// <param name="Rule">How it was chosen, e.g. "Youden" or "sensitivity ≥ 0.90".</param>
/// <param name="Threshold">The score threshold.</param>
/// <param name="Sensitivity">True positives among the positives.</param>
/// <param name="Specificity">True negatives among the negatives.</param>
/// <param name="PositivePredictiveValue">Positives among those flagged.</param>
/// <param name="NegativePredictiveValue">Negatives among those not flagged.</param>
/// <param name="FlaggedFraction">Share of patients flagged (the alert burden).</param>
public sealed record OperatingPoint(string Rule, double Threshold, double Sensitivity, double Specificity, double PositivePredictiveValue, double NegativePredictiveValue, double FlaggedFraction);
