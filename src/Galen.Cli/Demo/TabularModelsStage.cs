using System.Globalization;
using Galen.Cli.Learning;
using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Evaluation.Metrics;
using Galen.Learn.Configuration;
using Galen.Learn.Datasets;
using Galen.Learn.Sources;
using Spectre.Console;

namespace Galen.Cli.Demo;

/// <summary>
/// Trains three model families (logistic regression, random forest, LightGBM) on each tabular
/// task with patient-grouped cross-validation, prints a leaderboard with bootstrap intervals and
/// writes bundles and an HTML report per task. Tasks come from an earlier stage
/// (<see cref="TabularDemoTasks"/>, or a bare <see cref="LabelledSet{FeatureMatrix}"/>); without
/// one it uses the built-in Wisconsin breast-cancer data.
/// </summary>
public sealed class TabularModelsStage : IDemoStage
{
    private static readonly string[] Models = ["logreg", "forest", "lightgbm"];

    public string Title => "classical models, honest evaluation and a report";

    public async Task RunAsync(DemoContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var published = context.Find<TabularDemoTasks>();
        IReadOnlyList<TrainingData> tasks = published?.Tasks
            ?? (context.Find<LabelledSet<FeatureMatrix>>() is { } set
                ? [new TrainingData("task", set, new ModelCardFacts(), [])]
                : [BuiltInDatasets.BreastCancer()]);
        if (published is null)
        {
            context.Console.MarkupLine("No task from an earlier stage; using the built-in Wisconsin breast-cancer data (569 patients, 30 features).");
        }

        var configuration = new TrainingConfiguration { Seed = context.Options.Seed, Folds = 5 };
        string folder = Path.Combine(context.WorkDirectory, "models");
        foreach (var task in tasks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await TabularExperiment.RunAsync(context.Console, task, Models, configuration, folder, cancellationToken).ConfigureAwait(false);
            if (published?.BestAchievableAuroc?.TryGetValue(task.Name, out double bayes) == true)
            {
                double best = result.Comparison.Best.Evaluation.Metric(MetricNames.Auroc)?.Value ?? double.NaN;
                context.Console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{Markup.Escape(task.Name)}: best model AUROC {best:F3}; best achievable (true risks) {bayes:F3}; gap {bayes - best:F3}."));
            }

            context.Console.MarkupLine($"Report: [link]{Markup.Escape(result.Report)}[/]");
        }
    }
}
