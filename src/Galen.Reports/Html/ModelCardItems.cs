using System.Globalization;
using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Evaluation.Metrics;
using Galen.Evaluation.Summaries;

namespace Galen.Reports.Html;

/// <summary>One model-card row: a TRIPOD+AI reporting item and what the model's documentation says (null: not stated).</summary>
public sealed record ModelCardItem(string Item, string? Value);

/// <summary>
/// The model card's rows, following the TRIPOD+AI reporting items, from the facts the data's
/// owner gave and the model's evaluation. One wording for the HTML report and the service's
/// model card page; anything not known is left null ("not stated"), never invented.
/// </summary>
public static class ModelCardItems
{
    public static IReadOnlyList<ModelCardItem> For(ModelCardFacts card, ModelEvaluation evaluation, DataFingerprint? fingerprint, int rejectedRows)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(evaluation);
        var auroc = evaluation.Metric(MetricNames.Auroc) ?? evaluation.Metric(MetricNames.MacroAuroc) ?? evaluation.Metric(MetricNames.R2);
        var calibration = evaluation.Calibration?.FirstOrDefault(c => c.Method == "none");
        var bestCalibration = evaluation.Calibration?.Where(c => c.Method != "none").MinBy(c => c.Ece);
        var gap = evaluation.Subgroups?.Largest;
        string sampleSize = Invariant($"{evaluation.Samples:N0} samples from {evaluation.Patients:N0} patients") +
            (evaluation.Positives is { } p ? Invariant($"; {p:N0} with the outcome ({p / (double)evaluation.Samples:P1})") : string.Empty) +
            (rejectedRows > 0 ? Invariant($"; {rejectedRows:N0} source rows set aside (no outcome)") : string.Empty);
        return
        [
            new("Model", $"{evaluation.Model}: {evaluation.Description}"),
            new("Data source", card.DataSource),
            new("Data dates", card.DataDates),
            new("Cohort (eligibility)", card.Cohort),
            new("Outcome definition", card.Outcome ?? evaluation.Schema.Description),
            new("Predictors", card.Predictors),
            new("Missing data", card.MissingData),
            new("Sample size", sampleSize),
            new("Evaluation", evaluation.Protocol),
            new("Performance", auroc is null ? null : Invariant($"{auroc.Name} {auroc.Value:F3} (95% CI {auroc.Lower:F3}–{auroc.Upper:F3})") + (evaluation.FoldScores is { Count: > 0 } folds ? Invariant($"; per fold {folds.Min():F3}–{folds.Max():F3}") : string.Empty)),
            new("Calibration", calibration is null ? null : Invariant($"ECE {calibration.Ece:F3}, Brier {calibration.Brier:F3} as trained") + (bestCalibration is null ? string.Empty : Invariant($"; {bestCalibration.Method} recalibration gives ECE {bestCalibration.Ece:F3} on held-out folds"))),
            new("Subgroups", evaluation.Schema.Kind != LabelKind.Binary ? null : gap is null
                ? "no subgroup attributes (sex, age band, ethnicity) in this data, or no subgroup large enough; performance across groups is unknown"
                : Invariant($"largest AUROC gap {gap.Gap:F3} for {gap.Attribute} ({gap.Best} vs {gap.Worst}); see the subgroup table")),
            new("Intended use", card.IntendedUse),
            new("Limitations", card.Limitations),
            new("Training data fingerprint", fingerprint?.ToString()),
        ];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
