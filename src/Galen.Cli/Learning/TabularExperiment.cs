using System.Globalization;
using Galen.Cli.Terminal;
using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Evaluation.Explanations;
using Galen.Evaluation.Metrics;
using Galen.Evaluation.Summaries;
using Galen.Learn.Configuration;
using Galen.Learn.Experiments;
using Galen.Learn.Sources;
using Galen.Learn.Tabular;
using Galen.Reports.Html;
using Spectre.Console;

namespace Galen.Cli.Learning;

/// <summary>What a training run wrote.</summary>
/// <param name="Comparison">Models and their evaluations, best first.</param>
/// <param name="Bundles">Bundle path per model name.</param>
/// <param name="Report">The HTML report.</param>
public sealed record ExperimentOutput(ComparisonResult Comparison, IReadOnlyDictionary<string, string> Bundles, string Report);

/// <summary>
/// The shared path of <c>galen train</c> and the demo: compare models with progress bars, save a
/// bundle per model, write the HTML report, and print the leaderboard.
/// </summary>
public static class TabularExperiment
{
    public static async Task<ExperimentOutput> RunAsync(
        IAnsiConsole console,
        TrainingData data,
        IReadOnlyList<string> models,
        TrainingConfiguration configuration,
        string outputFolder,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(data);
        Directory.CreateDirectory(outputFolder);
        var comparison = await ProgressBars.RunAsync(console, data.Name, progress =>
            Task.Run(() => ModelComparison.Run(data, models, configuration, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);

        var bundles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var model in comparison.Models)
        {
            string path = Path.Combine(outputFolder, $"{data.Name}-{model.Name}{ModelBundle.Extension}");
            TabularBundles.Save(path, model, data, configuration);
            bundles[model.Name] = path;
        }

        string report = Path.Combine(outputFolder, $"{data.Name}-report.html");
        HtmlReportWriter.Write(Document(comparison, bundles), report);
        PrintLeaderboard(console, data.Name, comparison.Models.Select(m => m.Evaluation).ToArray());
        return new ExperimentOutput(comparison, bundles, report);
    }

    /// <summary>The report of a comparison, with top reasons for three example patients from the best model.</summary>
    public static ReportDocument Document(ComparisonResult comparison, IReadOnlyDictionary<string, string> bundles)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var data = comparison.Data;
        return new ReportDocument
        {
            Title = $"Galen model report — {data.Name}",
            Dataset = data.Name,
            Models = comparison.Models.Select(m => m.Evaluation).ToArray(),
            Card = data.Card,
            Fingerprint = DataFingerprint.Of(data.Data),
            RejectedRows = data.Rejected.Count,
            Explanations = ExampleExplanations(comparison),
            Bundles = bundles,
        };
    }

    /// <summary>
    /// Prints one row per model with the main metrics and their intervals; then, unranked, any
    /// reference rows (e.g. the true risks on synthetic data). <paramref name="inputs"/>, when
    /// given, adds a column saying what each model reads.
    /// </summary>
    public static void PrintLeaderboard(IAnsiConsole console, string title, IReadOnlyList<ModelEvaluation> models, IReadOnlyList<ModelEvaluation>? references = null, IReadOnlyList<string>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
        {
            return;
        }

        var names = models[0].Schema.Kind == LabelKind.Binary
            ? new[] { MetricNames.Auroc, MetricNames.Auprc, MetricNames.Brier, MetricNames.Ece }
            : models[0].Metrics.Take(4).Select(m => m.Name).ToArray();
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(title)}[/]: {Markup.Escape(models[0].Protocol.Split(';')[0])}");
        table.AddColumn("model");
        if (inputs is not null)
        {
            table.AddColumn("reads");
        }

        foreach (string name in names)
        {
            table.AddColumn(new TableColumn(Markup.Escape(name + " [95% CI]")).RightAligned());
        }

        for (int m = 0; m < models.Count; m++)
        {
            var cells = new List<string> { Markup.Escape(models[m].Model) };
            if (inputs is not null)
            {
                cells.Add(Markup.Escape(inputs[m]));
            }

            cells.AddRange(Cells(models[m], names));
            table.AddRow(cells.ToArray());
        }

        foreach (var reference in references ?? [])
        {
            var cells = new List<string> { $"[italic]{Markup.Escape(reference.Model)}[/]" };
            if (inputs is not null)
            {
                cells.Add("–");
            }

            cells.AddRange(Cells(reference, names).Select(c => $"[italic]{c}[/]"));
            table.AddRow(cells.ToArray());
        }

        console.Write(table);
    }

    private static IEnumerable<string> Cells(ModelEvaluation model, IReadOnlyList<string> names) =>
        names.Select(n => model.Metric(n) is { } e
            ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{e.Value:F3} [{e.Lower:F3}, {e.Upper:F3}]"))
            : "–");

    private static IReadOnlyList<PatientExplanation> ExampleExplanations(ComparisonResult comparison)
    {
        var best = comparison.Models[0];
        var set = comparison.Data.Data;
        if (set.Targets.Schema.Kind != LabelKind.Binary || best.Model is not TabularModel { CanExplain: true } model)
        {
            return [];
        }

        var risks = model.Predict(set.Inputs).Values.ToArray();
        var order = Enumerable.Range(0, risks.Length).OrderByDescending(i => risks[i]).ToArray();
        int[] picks = [order[0], order[order.Length / 4], order[order.Length / 2]];
        var rows = set.Inputs.Select(picks);
        var contributions = model.Explain(rows);
        return picks.Select((row, i) => new PatientExplanation(
            set.Samples[row].SampleKey,
            risks[row],
            ReasonWriter.TopReasons(rows, i, contributions, 3, "the predicted risk").Select(r => r.Text).ToArray())).ToArray();
    }
}
