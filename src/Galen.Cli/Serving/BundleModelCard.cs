using System.Globalization;
using Galen.Core.Bundles;
using Galen.Evaluation.Summaries;
using Galen.Reports.Html;
using Galen.Serve.Models;

namespace Galen.Cli.Serving;

/// <summary>
/// The service's model card of a bundle: intended use, population, held-out metrics with their
/// intervals (overall and per subgroup), limitations, and the TRIPOD+AI reporting items — all
/// from what the bundle carries (its card facts and evaluation), worded as the HTML report words
/// them. What the bundle does not say is shown as not stated, never invented.
/// </summary>
public static class BundleModelCard
{
    private const string NotStated = "Not stated in the model's documentation.";

    public static ModelCard Of(BundleManifest manifest, ModelEvaluation? evaluation)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var facts = manifest.Card ?? new ModelCardFacts();
        var metrics = new List<CardMetric>();
        if (evaluation is not null)
        {
            metrics.AddRange(evaluation.Metrics.Select(m => new CardMetric(m.Name, m.Value, m.Lower, m.Upper)));
            foreach (var group in evaluation.Subgroups?.Groups ?? [])
            {
                if (double.IsFinite(group.Auroc))
                {
                    metrics.Add(new CardMetric("AUROC", group.Auroc, Subgroup: $"{group.Attribute} {group.Value} (n = {group.Count.ToString("N0", CultureInfo.InvariantCulture)})"));
                }
            }
        }
        else
        {
            metrics.AddRange(manifest.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new CardMetric(m.Key, m.Value)));
        }

        var reporting = evaluation is not null
            ? ModelCardItems.For(facts, evaluation, manifest.TrainingData, rejectedRows: 0).Select(i => new CardItem(i.Item, i.Value)).ToArray()
            : Facts(facts, manifest);
        return new ModelCard(
            facts.IntendedUse ?? NotStated,
            Population(facts, manifest),
            metrics,
            string.IsNullOrWhiteSpace(facts.Limitations) ? [NotStated] : [facts.Limitations],
            reporting);
    }

    private static string Population(ModelCardFacts facts, BundleManifest manifest)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(facts.Cohort))
        {
            parts.Add(facts.Cohort.TrimEnd('.') + ".");
        }

        if (!string.IsNullOrWhiteSpace(facts.DataSource))
        {
            parts.Add($"Data: {facts.DataSource.TrimEnd('.')}{(string.IsNullOrWhiteSpace(facts.DataDates) ? string.Empty : $" ({facts.DataDates})")}.");
        }

        var data = manifest.TrainingData;
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"Trained on {data.Rows:N0} samples from {data.Patients:N0} patients."));
        return string.Join(" ", parts);
    }

    private static CardItem[] Facts(ModelCardFacts facts, BundleManifest manifest) =>
    [
        new("Model", $"{manifest.Name}: {manifest.Description}"),
        new("Data source", facts.DataSource),
        new("Data dates", facts.DataDates),
        new("Cohort (eligibility)", facts.Cohort),
        new("Outcome definition", facts.Outcome ?? manifest.Schema.Description),
        new("Predictors", facts.Predictors),
        new("Missing data", facts.MissingData),
        new("Sample size", string.Create(CultureInfo.InvariantCulture, $"{manifest.TrainingData.Rows:N0} samples from {manifest.TrainingData.Patients:N0} patients")),
        new("Intended use", facts.IntendedUse),
        new("Limitations", facts.Limitations),
        new("Training data fingerprint", manifest.TrainingData.ToString()),
    ];
}
