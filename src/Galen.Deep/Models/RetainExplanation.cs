namespace Galen.Deep.Models;

/// <summary>
/// Why a RETAIN model predicted what it did for one sample and one output: the visit attention
/// weights, and each code's additive contribution to the logit, so that
/// <see cref="Bias"/> + Σ contributions = <see cref="Logit"/>.
/// </summary>
/// <param name="Sample">0-based sample index in the explained inputs.</param>
/// <param name="Output">The explained output (the positive class, or a label).</param>
/// <param name="Logit">The output's logit.</param>
/// <param name="Prediction">The output's prediction (a probability for classification targets).</param>
/// <param name="Bias">The head's bias for the output.</param>
/// <param name="Visits">The sample's visits, oldest first.</param>
public sealed record RetainExplanation(int Sample, string Output, double Logit, double Prediction, double Bias, IReadOnlyList<VisitExplanation> Visits);
