namespace Galen.Deep.Models;

/// <summary>One visit's part in a RETAIN prediction.</summary>
/// <param name="Visit">0-based index of the visit in the sample as given (earlier visits beyond the model's maximum are not read).</param>
/// <param name="Attention">α, the visit's attention weight; a sample's weights sum to 1.</param>
/// <param name="Codes">Each code's contribution, largest magnitude first.</param>
public sealed record VisitExplanation(int Visit, double Attention, IReadOnlyList<CodeContribution> Codes);
