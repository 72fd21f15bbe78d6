using System.Globalization;
using System.Net;
using System.Text;
using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Evaluation.Metrics;
using Galen.Evaluation.Resampling;
using Galen.Evaluation.Summaries;
using Galen.Reports.Plots;

namespace Galen.Reports.Html;

/// <summary>
/// Writes a report as one self-contained HTML file (plots embedded as base64 PNG, styles inline),
/// so it opens anywhere: leaderboard with confidence intervals, ROC and PR curves with bands,
/// calibration, importance, operating points, subgroups (largest gap highlighted), conformal
/// coverage, example explanations, and a model card covering the TRIPOD+AI items.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Ids of the plots a report embeds (for checks).</summary>
    public static readonly IReadOnlyList<string> PlotIds = ["plot-roc", "plot-pr", "plot-calibration", "plot-importance"];

    public static void Write(ReportDocument report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, Render(report), Encoding.UTF8);
    }

    public static string Render(ReportDocument report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Models.Count == 0)
        {
            throw new ArgumentException("A report needs at least one model.", nameof(report));
        }

        var best = report.Models[0];
        bool binary = best.Schema.Kind == LabelKind.Binary;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>{E(report.Title)}</title><style>{Style}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<header><h1>{E(report.Title)}</h1><p class=\"sub\">{E(report.Dataset)} · {E(best.Schema.Description)} · generated {report.GeneratedUtc:yyyy-MM-dd HH:mm} UTC by Galen {E(ModelBundle.GalenVersion)}</p></header>");

        html.Append("<section><h2>Leaderboard</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{E(best.Protocol)}. Intervals are 95% percentile bootstrap intervals over {best.Bootstrap.Resamples:N0} resamples of patients (seed {best.Bootstrap.Seed}).</p>");
        Leaderboard(html, report.Models, report.References);
        html.Append("</section>");

        html.Append("<section><h2>Model card</h2>");
        ModelCard(html, report, best);
        html.Append("</section>");

        if (binary)
        {
            html.Append("<section><h2>Discrimination</h2><div class=\"plots\">");
            Image(html, "plot-roc", "ROC curves", EvaluationPlots.Roc(report.Models));
            Image(html, "plot-pr", "Precision–recall curves", EvaluationPlots.PrecisionRecall(report.Models));
            html.Append("</div></section>");

            html.Append("<section><h2>Calibration</h2><div class=\"plots\">");
            Image(html, "plot-calibration", "Reliability curves", EvaluationPlots.Calibration(report.Models));
            html.Append("<div>");
            CalibrationTable(html, report.Models);
            html.Append("</div></div></section>");

            html.Append("<section><h2>Operating points</h2>");
            OperatingPoints(html, best);
            html.Append("</section>");

            html.Append("<section><h2>Subgroups</h2>");
            Subgroups(html, best);
            html.Append("</section>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<section><h2>What drives the predictions</h2><div class=\"plots\">");
        Image(html, "plot-importance", "Permutation importance", EvaluationPlots.Importance(report.Models.FirstOrDefault(m => m.Importance is { Count: > 0 }) ?? best));
        html.Append("<div>");
        Explanations(html, report);
        html.Append("</div></div></section>");

        if (best.Conformal is { } conformal)
        {
            html.Append("<section><h2>Conformal prediction</h2>");
            html.Append(binary || best.Schema.Kind == LabelKind.Multiclass
                ? Invariant($"<p>Split-conformal prediction sets at α = {conformal.Alpha:0.##} promise that the true outcome is in the set for at least {1 - conformal.Alpha:P0} of new patients. Checked fold by fold on patients the threshold was not fitted on: coverage <b>{conformal.Coverage:P1}</b>, mean set size {conformal.MeanSetSize:F2} (one class: a confident answer; both: undecided; an empty set: neither outcome is plausible enough at this α). Deployed threshold q̂ = {conformal.Threshold:F4}.</p>")
                : Invariant($"<p>Split-conformal intervals at α = {conformal.Alpha:0.##} (prediction ± {conformal.Threshold:G4}) covered the true value for <b>{conformal.Coverage:P1}</b> of held-out patients (promised ≥ {1 - conformal.Alpha:P0}).</p>"));
            html.Append("</section>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<footer>Galen report · predictions: {E(best.Protocol)}.</footer>");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Leaderboard(StringBuilder html, IReadOnlyList<ModelEvaluation> models, IReadOnlyList<ModelEvaluation> references)
    {
        var names = models[0].Metrics.Select(m => m.Name).ToArray();
        var shown = models[0].Schema.Kind == LabelKind.Binary
            ? new[] { MetricNames.Auroc, MetricNames.Auprc, MetricNames.Brier, MetricNames.Ece, MetricNames.Recall, MetricNames.Specificity }
            : names;
        html.Append("<table class=\"board\"><thead><tr><th>#</th><th>model</th>");
        foreach (string name in shown)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(name)}</th>");
        }

        html.Append("<th>fit time</th><th>settings</th></tr></thead><tbody>");
        for (int i = 0; i < models.Count; i++)
        {
            var model = models[i];
            html.Append(CultureInfo.InvariantCulture, $"<tr{(i == 0 ? " class=\"best\"" : string.Empty)}><td>{i + 1}</td><td><b>{E(model.Model)}</b></td>");
            foreach (string name in shown)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{Estimate(model.Metric(name))}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>{(model.TrainingSeconds is { } s ? Invariant($"{s:F1} s") : "–")}</td><td class=\"small\">{E(model.Description)}</td></tr>");
        }

        foreach (var reference in references)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"reference\"><td>ref.</td><td><i>{E(reference.Model)}</i></td>");
            foreach (string name in shown)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td><i>{Estimate(reference.Metric(name))}</i></td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>–</td><td class=\"small\">{E(reference.Description)}</td></tr>");
        }

        html.Append("</tbody></table>");
        if (models[0].Schema.Kind == LabelKind.Binary)
        {
            html.Append("<p class=\"small\">Recall (sensitivity) and specificity at the fixed threshold 0.5; see operating points for thresholds chosen on purpose.</p>");
        }
    }

    private static void ModelCard(StringBuilder html, ReportDocument report, ModelEvaluation best)
    {
        var rows = ModelCardItems.For(report.Card, best, report.Fingerprint, report.RejectedRows);
        html.Append("<table class=\"card\"><tbody>");
        foreach (var (item, value) in rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(item)}</th><td>{(string.IsNullOrWhiteSpace(value) ? "<span class=\"missing\">not stated</span>" : E(value))}</td></tr>");
        }

        html.Append("</tbody></table>");
        if (report.Bundles.Count > 0)
        {
            html.Append("<p class=\"small\">Bundles: ");
            html.Append(string.Join(", ", report.Bundles.Select(b => $"{E(b.Key)} → <code>{E(b.Value)}</code>")));
            html.Append("</p>");
        }
    }

    private static void CalibrationTable(StringBuilder html, IReadOnlyList<ModelEvaluation> models)
    {
        html.Append("<p>Expected calibration error (ECE) and Brier score before and after recalibration. Each fold (or, without folds, each half of the patients) was recalibrated with a map fitted on the other patients' predictions.</p>");
        html.Append("<table><thead><tr><th>model</th><th>as trained</th><th>Platt</th><th>isotonic</th><th>temperature</th></tr></thead><tbody>");
        foreach (var model in models)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(model.Model)}</td>");
            foreach (string method in new[] { "none", "Platt", "isotonic", "temperature" })
            {
                var result = model.Calibration?.FirstOrDefault(c => c.Method == method);
                html.Append(result is null ? "<td>–</td>" : Invariant($"<td>ECE {result.Ece:F3}<br><span class=\"small\">Brier {result.Brier:F3}</span></td>"));
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void OperatingPoints(StringBuilder html, ModelEvaluation best)
    {
        html.Append(CultureInfo.InvariantCulture, $"<p>Thresholds for {E(best.Model)}, chosen on out-of-fold predictions.</p>");
        html.Append("<table><thead><tr><th>rule</th><th>threshold</th><th>sensitivity</th><th>specificity</th><th>PPV</th><th>NPV</th><th>flagged</th></tr></thead><tbody>");
        foreach (var point in best.OperatingPoints ?? [])
        {
            html.Append(Invariant($"<tr><td>{E(point.Rule)}</td><td>{point.Threshold:F3}</td><td>{point.Sensitivity:F3}</td><td>{point.Specificity:F3}</td><td>{point.PositivePredictiveValue:F3}</td><td>{point.NegativePredictiveValue:F3}</td><td>{point.FlaggedFraction:P1}</td></tr>"));
        }

        html.Append("</tbody></table>");
    }

    private static void Subgroups(StringBuilder html, ModelEvaluation best)
    {
        var report = best.Subgroups;
        if (report is null || report.Groups.Count == 0)
        {
            html.Append("<p class=\"warn\">No subgroup results: the data carries no sex, age-band or ethnicity attributes");
            html.Append(report is { Omitted: > 0 } ? Invariant($", or every subgroup had fewer than {report.MinimumSize} samples ({report.Omitted} left out)") : string.Empty);
            html.Append(". Performance across patient groups is unknown.</p>");
            return;
        }

        if (report.Largest is { } gap)
        {
            html.Append(Invariant($"<p class=\"warn\">Largest gap: AUROC differs by <b>{gap.Gap:F3}</b> across {E(gap.Attribute)} ({E(gap.Best)} best, {E(gap.Worst)} worst).</p>"));
        }

        html.Append(Invariant($"<table><thead><tr><th>attribute</th><th>group</th><th>n</th><th>prevalence</th><th>mean predicted</th><th>AUROC</th><th>sensitivity</th><th>specificity</th><th>Brier</th></tr></thead><tbody>"));
        foreach (var group in report.Groups)
        {
            bool flagged = report.Largest is { } g && g.Attribute == group.Attribute && (g.Best == group.Value || g.Worst == group.Value);
            html.Append(Invariant($"<tr{(flagged ? " class=\"gap\"" : string.Empty)}><td>{E(group.Attribute)}</td><td>{E(group.Value)}</td><td>{group.Count:N0}</td><td>{group.Prevalence:P1}</td><td>{group.MeanPredicted:P1}</td><td>{Number(group.Auroc)}</td><td>{group.Sensitivity:F3}</td><td>{group.Specificity:F3}</td><td>{group.Brier:F3}</td></tr>"));
        }

        html.Append("</tbody></table>");
        if (report.Omitted > 0)
        {
            html.Append(Invariant($"<p class=\"small\">{report.Omitted} subgroup(s) with fewer than {report.MinimumSize} samples are not shown.</p>"));
        }
    }

    private static void Explanations(StringBuilder html, ReportDocument report)
    {
        var best = report.Models[0];
        html.Append("<p>Permutation importance: how much the model's score drops when a feature is shuffled, on patients it was not fitted on (a model-agnostic, global view).</p>");
        if (report.Explanations.Count == 0)
        {
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<h3>Top reasons for example patients ({E(report.ExplanationModel ?? best.Model)}; outcome: {E(best.Schema.Description)})</h3><ul class=\"reasons\">");
        foreach (var patient in report.Explanations)
        {
            html.Append(Invariant($"<li><b>{E(patient.Sample)}</b> — predicted risk {patient.PredictedRisk:P0}<ul>"));
            foreach (string reason in patient.Reasons)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(reason)}</li>");
            }

            html.Append("</ul></li>");
        }

        html.Append("</ul>");
    }

    private static void Image(StringBuilder html, string id, string alt, byte[] png) =>
        html.Append(CultureInfo.InvariantCulture, $"<img id=\"{id}\" alt=\"{E(alt)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">");

    private static string Estimate(MetricEstimate? estimate) =>
        estimate is null ? "–" : Invariant($"{Number(estimate.Value)} <span class=\"ci\">[{Number(estimate.Lower)}, {Number(estimate.Upper)}]</span>");

    private static string Number(double value) => double.IsNaN(value) ? "–" : value.ToString("F3", CultureInfo.InvariantCulture);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private const string Style = """
        body{font-family:"DejaVu Sans",Arial,sans-serif;margin:0 auto;max-width:1320px;padding:0 24px 40px;color:#1d2430;background:#fff;line-height:1.45}
        header{border-bottom:3px solid #1f77b4;margin-bottom:8px}h1{margin:18px 0 4px;font-size:26px}.sub{color:#555;margin:0 0 10px}
        h2{font-size:20px;margin:26px 0 8px;color:#1f4e79}h3{font-size:16px}
        table{border-collapse:collapse;margin:8px 0;font-size:14px}th,td{border:1px solid #d5dbe3;padding:5px 9px;text-align:left;vertical-align:top}
        thead th{background:#eef3f8}.board tr.best td{background:#f1f8ec}.board tr.reference td{background:#fafafa;color:#444}.ci{color:#666;font-size:12px}.small{font-size:12px;color:#555}
        .card th{width:210px;background:#f6f8fa}.missing{color:#a33;font-style:italic}.warn{background:#fff6e0;border-left:4px solid #e0a800;padding:6px 10px}
        tr.gap td{background:#fff1e6}.plots{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}.plots img{max-width:640px;border:1px solid #e3e7ec}
        .plots>div{flex:1;min-width:320px}code{font-size:12px}footer{margin-top:30px;color:#777;font-size:12px}
        """;
}
