namespace Galen.Core.Bundles;

/// <summary>
/// What a model card says beyond the numbers, following the TRIPOD+AI reporting items. Filled
/// by whoever knows the data (the task builder, the CLI's options); reports show "not stated"
/// for anything left empty rather than inventing it.
/// </summary>
/// <param name="DataSource">Where the data came from, e.g. "MIMIC-style extract of hospital X".</param>
/// <param name="DataDates">Period the data covers.</param>
/// <param name="Cohort">Who is included and excluded.</param>
/// <param name="Outcome">Outcome definition and its time horizon.</param>
/// <param name="Predictors">Predictors and when they are measured.</param>
/// <param name="MissingData">How missing values were handled.</param>
/// <param name="IntendedUse">The clinical use the model is meant for.</param>
/// <param name="Limitations">Known limitations and populations it was not checked on.</param>
public sealed record ModelCardFacts(
    string? DataSource = null,
    string? DataDates = null,
    string? Cohort = null,
    string? Outcome = null,
    string? Predictors = null,
    string? MissingData = null,
    string? IntendedUse = null,
    string? Limitations = null);
