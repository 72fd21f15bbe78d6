using System.CommandLine;
using Galen.Cli.Learning;
using Galen.Cli.Terminal;
using Galen.Core.Learning;
using Galen.Evaluation.Resampling;
using Galen.Evaluation.Summaries;
using Galen.Learn.Experiments;
using Galen.Reports.Html;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary><c>galen evaluate</c>: scores a saved bundle on new labelled data and writes a report.</summary>
public static class EvaluateCommand
{
    private static readonly Option<string> Bundle = new("--bundle")
    {
        Description = "Model bundle (.galen) written by galen train.",
        Required = true,
    };

    private static readonly Option<string?> Output = new("--out")
    {
        Description = "Report file (default: beside the bundle, NAME.evaluation.html).",
    };

    private static readonly Option<int> Resamples = new("--bootstrap")
    {
        Description = "Bootstrap resamples for confidence intervals.",
        DefaultValueFactory = _ => 1000,
    };

    public static Command Create(CommandContext context)
    {
        var command = new Command("evaluate", "Evaluate a saved model bundle on labelled data (metrics with CIs, calibration, subgroups) and write a report.");
        command.Options.Add(Bundle);
        foreach (var option in new Option[] { TrainCommand.Data, TrainCommand.Label, TrainCommand.Group, TrainCommand.Ignore })
        {
            command.Options.Add(option);
        }

        command.Options.Add(Resamples);
        command.Options.Add(Output);
        command.SetAction(context.Run((parse, cancellationToken) =>
        {
            string bundlePath = Path.GetFullPath(parse.GetValue(Bundle)!);
            var bundle = TabularBundles.Load(bundlePath);
            var manifest = bundle.Manifest;
            var data = TrainCommand.LoadData(parse, manifest.Schema);
            TabularBundles.CheckFeatures(manifest, data.Data.Inputs, parse.GetValue(TrainCommand.Data)!);
            var inputs = TabularBundles.Align(manifest, data.Data.Inputs);
            var predictions = bundle.ModelFor<FeatureMatrix>().Predict(inputs);
            bool trainingData = Core.Bundles.DataFingerprint.Of(data.Data with { Inputs = inputs }).Sha256 == manifest.TrainingData.Sha256;
            if (trainingData)
            {
                context.Console.MarkupLine("[yellow]Warning:[/] this is the model's own training data, so these numbers are optimistic; the cross-validated numbers are in the training report.");
            }
            var evaluation = Evaluator.Evaluate(
                manifest.Name,
                manifest.Description,
                trainingData
                    ? $"evaluation on the model's own training data {Path.GetFileName(parse.GetValue(TrainCommand.Data))} (optimistic: the model has seen these patients)"
                    : $"external evaluation on {Path.GetFileName(parse.GetValue(TrainCommand.Data))} (model trained on {manifest.TrainingData})",
                data.Data.Targets,
                predictions,
                data.Data.Samples,
                options: new EvaluationOptions(new BootstrapOptions(parse.GetValue(Resamples), 0.95, 42)),
                cancellationToken: cancellationToken);

            // Permutation importance on the evaluation data itself (the model never saw it).
            var importance = Galen.Evaluation.Importance.PermutationImportance.Compute(bundle.ModelFor<FeatureMatrix>(), data.Data with { Inputs = inputs }, cancellationToken: cancellationToken);
            evaluation = evaluation with { Importance = importance };
            string report = parse.GetValue(Output) ?? Path.ChangeExtension(bundlePath, ".evaluation.html");
            HtmlReportWriter.Write(
                new ReportDocument
                {
                    Title = $"Galen evaluation — {manifest.Name} on {data.Name}",
                    Dataset = data.Name,
                    Models = [evaluation],
                    Card = (manifest.Card ?? new Core.Bundles.ModelCardFacts()) with { Cohort = data.Card.Cohort, MissingData = data.Card.MissingData },
                    Fingerprint = Core.Bundles.DataFingerprint.Of(data.Data),
                    RejectedRows = data.Rejected.Count,
                },
                report);
            TabularExperiment.PrintLeaderboard(context.Console, $"{manifest.Name} on {data.Name}", [evaluation]);
            context.Console.MarkupLine(Markup.Escape($"Report: {Path.GetFullPath(report)}"));
            return Task.FromResult(GalenApp.Ok);
        }));
        return command;
    }
}
