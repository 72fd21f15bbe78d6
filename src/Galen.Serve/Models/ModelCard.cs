namespace Galen.Serve.Models;

/// <summary>
/// What a clinician should know before trusting a model: what it is for, on whom it was
/// trained and tested, how well it did, and where it should not be used.
/// </summary>
/// <param name="IntendedUse">What the model is for, in a sentence or two.</param>
/// <param name="Population">Whom it was trained and evaluated on.</param>
/// <param name="Metrics">Held-out results with their confidence intervals.</param>
/// <param name="Limitations">Known limits and situations to avoid.</param>
public sealed record ModelCard(string IntendedUse, string Population, IReadOnlyList<CardMetric> Metrics, IReadOnlyList<string> Limitations);

/// <summary>A held-out metric, optionally for a subgroup, with its confidence interval.</summary>
public sealed record CardMetric(string Name, double Value, double? Lower = null, double? Upper = null, string? Subgroup = null);
