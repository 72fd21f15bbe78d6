using System.Globalization;
using Galen.Cli.Terminal;
using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Evaluation.Explanations;
using Galen.Evaluation.Metrics;
using Galen.Learn.Configuration;
using Galen.Learn.Tabular;
using Galen.Reports.Html;
using Spectre.Console;

namespace Galen.Cli.Learning;

/// <summary>What a clinical-task training run wrote.</summary>
/// <param name="Result">The models and their evaluations, best first (dispose it to free the networks).</param>
/// <param name="Bundles">Bundle path per model name.</param>
/// <param name="Report">The HTML report.</param>
public sealed record ClinicalExperimentOutput(TaskExperimentResult Result, IReadOnlyDictionary<string, string> Bundles, string Report);

/// <summary>
/// The shared path of <c>galen train --task</c> and the demo: run a <see cref="TaskExperiment"/>
/// with progress bars, save a bundle per model, write the HTML report (leaderboard, the best
/// achievable score when known, model card) and print the leaderboard.
/// </summary>
public static class ClinicalExperiment
{
    public static async Task<ClinicalExperimentOutput> RunAsync(
        IAnsiConsole console,
        TaskTrainingData data,
        IReadOnlyList<string> models,
        TrainingConfiguration configuration,
        SequenceTraining sequences,
        IReadOnlyDictionary<string, double>? trueRisks,
        string outputFolder,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(data);
        Directory.CreateDirectory(outputFolder);
        var result = await ProgressBars.RunAsync(console, data.Name, progress =>
            Task.Run(() => TaskExperiment.Run(data, models, configuration, sequences with { CurveFolder = sequences.CurveFolder ?? outputFolder }, trueRisks, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
        try
        {
            var bundles = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var model in result.Models)
            {
                string path = Path.Combine(outputFolder, $"{data.Name}-{model.Name}{ModelBundle.Extension}");
                ModelBundles.Save(path, model, result);
                bundles[model.Name] = path;
            }

            string report = Path.Combine(outputFolder, $"{data.Name}-report.html");
            HtmlReportWriter.Write(Document(result, bundles), report);
            PrintLeaderboard(console, result);
            return new ClinicalExperimentOutput(result, bundles, report);
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>The report of an experiment, with the true-risk reference and top reasons from the best explainable model.</summary>
    public static ReportDocument Document(TaskExperimentResult result, IReadOnlyDictionary<string, string> bundles)
    {
        ArgumentNullException.ThrowIfNull(result);
        var data = result.Data;
        return new ReportDocument
        {
            Title = $"Galen model report — {data.Name}",
            Dataset = $"{data.Name} ({data.Dataset.Task}, {data.Dataset.Parameters})",
            Models = result.Models.Select(m => m.Evaluation).ToArray(),
            References = result.BestAchievable is { } reference ? [reference] : [],
            Card = data.Tabular.Card,
            Fingerprint = DataFingerprint.Of(data.Dataset.Tabular.Select(result.Split.Train)),
            Explanations = ExampleExplanations(result, out string? explained),
            ExplanationModel = explained,
            Bundles = bundles,
        };
    }

    /// <summary>Prints the leaderboard with intervals, the true-risk reference row, and the gap of the best tabular and sequence models to it.</summary>
    public static void PrintLeaderboard(IAnsiConsole console, TaskExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        var evaluations = result.Models.Select(m => m.Evaluation).ToArray();
        var references = result.BestAchievable is { } reference ? new[] { reference } : [];
        TabularExperiment.PrintLeaderboard(console, result.Data.Name, evaluations, references, result.Models.Select(m => m.Inputs).ToArray());
        if (result.BestAchievable?.Metric(MetricNames.Auroc) is not { } bayes)
        {
            return;
        }

        foreach (var (label, model) in new[] { ("tabular", result.BestTabular), ("sequence", result.BestSequence) })
        {
            if (model?.Evaluation.Metric(MetricNames.Auroc) is { } auroc)
            {
                console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Data.Name}: best {label} model {model.Name} AUROC {auroc.Value:F3}; best achievable (true risks, same test samples) {bayes.Value:F3}; gap {bayes.Value - auroc.Value:F3}.")));
            }
        }
    }

    private static IReadOnlyList<PatientExplanation> ExampleExplanations(TaskExperimentResult result, out string? explained)
    {
        var set = result.Data.Dataset.Tabular;
        explained = null;
        if (set.Targets.Schema.Kind != LabelKind.Binary
            || result.Models.FirstOrDefault(m => m.Model is TabularModel { CanExplain: true }) is not { Model: TabularModel model } chosen)
        {
            return [];
        }

        explained = chosen.Name;
        var test = set.Select(result.Split.Test);
        var risks = model.Predict(test.Inputs).Values.ToArray();
        var order = Enumerable.Range(0, risks.Length).OrderByDescending(i => risks[i]).ToArray();
        int[] picks = [order[0], order[order.Length / 4], order[order.Length / 2]];
        var rows = test.Inputs.Select(picks);
        var contributions = model.Explain(rows);
        return picks.Select((row, i) => new PatientExplanation(
            test.Samples[row].SampleKey,
            risks[row],
            ReasonWriter.TopReasons(rows, i, contributions, 3, "the predicted risk").Select(r => r.Text).ToArray())).ToArray();
    }
}
