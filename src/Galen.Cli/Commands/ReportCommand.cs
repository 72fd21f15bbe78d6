using System.CommandLine;
using Galen.Cli.Learning;
using Galen.Cli.Terminal;
using Galen.Core.Bundles;
using Galen.Core.Errors;
using Galen.Reports.Html;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary>
/// <c>galen report</c>: renders the HTML report and model card from saved bundles of any family
/// (their stored evaluations, and the best achievable reference when they carry one), without
/// retraining.
/// </summary>
public static class ReportCommand
{
    private static readonly Option<string[]> Bundles = new("--bundle")
    {
        Description = "Bundles to report on (repeat for a leaderboard); each carries its evaluation.",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string> Output = new("--out")
    {
        Description = "Report file.",
        DefaultValueFactory = _ => "galen-report.html",
    };

    private static readonly Option<string?> Title = new("--title")
    {
        Description = "Report title.",
    };

    public static Command Create(CommandContext context)
    {
        var command = new Command("report", "Write the HTML report and model card for saved model bundles (tabular models and networks).");
        command.Options.Add(Bundles);
        command.Options.Add(Output);
        command.Options.Add(Title);
        command.SetAction(context.Run((parse, _) =>
        {
            var loaded = parse.GetValue(Bundles)!.Select(path => ModelBundles.Load(Path.GetFullPath(path))).ToArray();
            try
            {
                return Task.FromResult(Write(context, parse, loaded));
            }
            finally
            {
                foreach (var bundle in loaded)
                {
                    (bundle.Model as IDisposable)?.Dispose();
                }
            }
        }));
        return command;
    }

    private static int Write(CommandContext context, ParseResult parse, IReadOnlyList<LoadedBundle> loaded)
    {
        var evaluations = loaded.Select(b => ModelBundles.EvaluationOf(b)
            ?? throw new BundleFormatException(b.Path, "it carries no evaluation, so there is nothing to report", "Bundles written by galen train carry one; re-run galen evaluate for other data."))
            .ToArray();
        string main = Galen.Evaluation.Importance.PermutationImportance.DefaultMetric(evaluations[0].Schema.Kind);
        var order = Enumerable.Range(0, loaded.Count).OrderByDescending(i => evaluations[i].Metric(main)?.Value ?? double.NegativeInfinity).ToArray();
        var first = loaded[order[0]].Manifest;
        if (loaded.Any(b => b.Manifest.TrainingData.Sha256 != first.TrainingData.Sha256))
        {
            throw new GalenConfigurationException("The bundles were trained on different data, so one leaderboard would mislead.", "Report bundles from one galen train run together.");
        }

        var reference = loaded.Select(ModelBundles.ReferenceOf).FirstOrDefault(r => r is not null);
        string dataset = first.Properties.TryGetValue("dataset", out var name) ? name : first.Schema.Name;
        string output = Path.GetFullPath(parse.GetValue(Output)!);
        HtmlReportWriter.Write(
            new ReportDocument
            {
                Title = parse.GetValue(Title) ?? $"Galen model report — {dataset}",
                Dataset = dataset,
                Models = order.Select(i => evaluations[i]).ToArray(),
                References = reference is null ? [] : [reference],
                Card = first.Card ?? new ModelCardFacts(),
                Fingerprint = first.TrainingData,
                Bundles = order.ToDictionary(i => loaded[i].Manifest.Name, i => loaded[i].Path),
            },
            output);
        TabularExperiment.PrintLeaderboard(context.Console, dataset, order.Select(i => evaluations[i]).ToArray(), reference is null ? null : [reference]);
        context.Console.MarkupLine(Markup.Escape($"Report: {output}"));
        return GalenApp.Ok;
    }
}
