namespace Galen.Serve.Models;

/// <summary>
/// What a clinician should know before trusting a model: what it is for, on whom it was
/// trained and tested, how well it did, and where it should not be used.
/// </summary>
/// <param name="IntendedUse">What the model is for, in a sentence or two.</param>
/// <param name="Population">Whom it was trained and evaluated on.</param>
/// <param name="Metrics">Held-out results with their confidence intervals.</param>
/// <param name="Limitations">Known limits and situations to avoid.</param>
/// <param name="Reporting">
/// The TRIPOD+AI reporting items the model carries (data source and dates, cohort, outcome,
/// predictors, missing data, sample size, evaluation…), in order; an item with no text was not
/// stated. Empty when the model carries none.
/// </param>
public sealed record ModelCard(string IntendedUse, string Population, IReadOnlyList<CardMetric> Metrics, IReadOnlyList<string> Limitations, IReadOnlyList<CardItem>? Reporting = null);

/// <summary>One reporting item of a model card.</summary>
/// <param name="Item">The item, e.g. "Outcome definition".</param>
/// <param name="Text">What the model's documentation says; null when it does not say.</param>
public sealed record CardItem(string Item, string? Text);

/// <summary>A held-out metric, optionally for a subgroup, with its confidence interval.</summary>
public sealed record CardMetric(string Name, double Value, double? Lower = null, double? Upper = null, string? Subgroup = null);
