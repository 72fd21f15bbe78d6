using System.CommandLine;
using System.Text.Json;
using Galen.Cli.Learning;
using Galen.Cli.Terminal;
using Galen.Core.Bundles;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Splits;
using Galen.Data.Store;
using Galen.Data.Tasks;
using Galen.Evaluation.Resampling;
using Galen.Evaluation.Summaries;
using Galen.Learn.Configuration;
using Galen.Learn.Experiments;
using Galen.Reports.Html;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary>
/// <c>galen evaluate</c>: scores a saved bundle (tabular model or network) on labelled data — a
/// CSV, or a clinical task built from a store — and writes a report.
/// </summary>
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
        var command = new Command("evaluate", "Evaluate a saved model bundle on labelled data (a CSV, or a clinical task from a store): metrics with CIs, calibration, subgroups; write a report.");
        command.Options.Add(Bundle);
        foreach (var option in new Option[] { TrainCommand.Data, TrainCommand.Label, TrainCommand.Group, TrainCommand.Ignore, TrainCommand.ClinicalTask, TrainCommand.Database, TrainCommand.ObservationHours, TrainCommand.WindowDays, TrainCommand.GroundTruth })
        {
            command.Options.Add(option);
        }

        command.Options.Add(Resamples);
        command.Options.Add(Output);
        command.SetAction(context.Run((parse, cancellationToken) =>
        {
            string bundlePath = Path.GetFullPath(parse.GetValue(Bundle)!);
            var bundle = ModelBundles.Load(bundlePath);
            try
            {
                bool fromTask = parse.GetValue(TrainCommand.Data) is null
                    && (parse.GetValue(TrainCommand.ClinicalTask) is not null || ModelBundles.TaskOf(bundle.Manifest) is not null);
                var (document, evaluation) = fromTask
                    ? OnTask(context, parse, bundle, cancellationToken)
                    : OnCsv(context, parse, bundle, cancellationToken);
                string report = parse.GetValue(Output) ?? Path.ChangeExtension(bundlePath, ".evaluation.html");
                HtmlReportWriter.Write(document, report);
                TabularExperiment.PrintLeaderboard(context.Console, document.Dataset, [evaluation], document.References);
                context.Console.MarkupLine(Markup.Escape($"Report: {Path.GetFullPath(report)}"));
                return Task.FromResult(GalenApp.Ok);
            }
            finally
            {
                (bundle.Model as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    /// <summary>A model trained on a CSV (or any model of tabular features) scored on a CSV with the same columns.</summary>
    private static (ReportDocument Document, ModelEvaluation Evaluation) OnCsv(CommandContext context, ParseResult parse, LoadedBundle bundle, CancellationToken cancellationToken)
    {
        var manifest = bundle.Manifest;
        if (bundle.Model is not IModel<FeatureMatrix> model)
        {
            throw new GalenConfigurationException(
                $"The model '{manifest.Name}' reads {manifest.Properties.GetValueOrDefault(ModelBundles.InputsProperty, "sequences")}, which a CSV cannot give.",
                "Evaluate it on a clinical task: --db STORE (the task it was trained on is saved in the bundle).");
        }

        var data = TrainCommand.LoadData(parse, manifest.Schema);
        string source = parse.GetValue(TrainCommand.Data)!;
        TabularBundles.CheckFeatures(manifest, data.Data.Inputs, source);
        var inputs = TabularBundles.Align(manifest, data.Data.Inputs);
        var predictions = model.Predict(inputs);
        bool trainingData = DataFingerprint.Of(data.Data with { Inputs = inputs }).Sha256 == manifest.TrainingData.Sha256;
        if (trainingData)
        {
            context.Console.MarkupLine("[yellow]Warning:[/] this is the model's own training data, so these numbers are optimistic; the cross-validated numbers are in the training report.");
        }

        var evaluation = Evaluator.Evaluate(
            manifest.Name,
            manifest.Description,
            trainingData
                ? $"evaluation on the model's own training data {Path.GetFileName(source)} (optimistic: the model has seen these patients)"
                : $"external evaluation on {Path.GetFileName(source)} (model trained on {manifest.TrainingData})",
            data.Data.Targets,
            predictions,
            data.Data.Samples,
            options: Options(parse),
            cancellationToken: cancellationToken);

        // Permutation importance on the evaluation data itself (the model never saw it).
        var importance = Galen.Evaluation.Importance.PermutationImportance.Compute(model, data.Data with { Inputs = inputs }, cancellationToken: cancellationToken);
        evaluation = evaluation with { Importance = importance };
        var document = new ReportDocument
        {
            Title = $"Galen evaluation — {manifest.Name} on {data.Name}",
            Dataset = data.Name,
            Models = [evaluation],
            Card = (manifest.Card ?? new ModelCardFacts()) with { Cohort = data.Card.Cohort, MissingData = data.Card.MissingData },
            Fingerprint = DataFingerprint.Of(data.Data),
            RejectedRows = data.Rejected.Count,
        };
        return (document, evaluation);
    }

    /// <summary>
    /// A model scored on a clinical task built from a store with the feature options saved in its
    /// bundle. On the store it was trained from, only its own test patients are scored (the same
    /// split); on another store, every sample (an external evaluation).
    /// </summary>
    private static (ReportDocument Document, ModelEvaluation Evaluation) OnTask(CommandContext context, ParseResult parse, LoadedBundle bundle, CancellationToken cancellationToken)
    {
        var manifest = bundle.Manifest;
        var spec = TrainCommand.TaskSpec(parse, ModelBundles.TaskOf(manifest));
        using var store = ClinicalStore.Open(TrainCommand.OpenableStore(parse));
        var features = ModelBundles.FeaturesOf(manifest);
        var data = ClinicalTaskSource.Load(store, [spec], features, null, cancellationToken)[0];
        if (data.Dataset.Schema.Kind != manifest.Schema.Kind || data.Dataset.Schema.Width != manifest.Schema.Width)
        {
            throw new GalenConfigurationException(
                $"The model predicts '{manifest.Schema.Name}' ({manifest.Schema.Kind}) but the task '{spec.Name}' gives '{data.Dataset.Schema.Name}' ({data.Dataset.Schema.Kind}).",
                "Evaluate the model on the task it was trained on.");
        }

        var set = data.Dataset.Tabular;
        IReadOnlyList<int> rows = Enumerable.Range(0, set.Count).ToArray();
        string protocol;
        bool ownStore = manifest.Properties.GetValueOrDefault(ModelBundles.StoreProperty) == data.Dataset.Fingerprint;
        if (ownStore)
        {
            var configuration = manifest.Properties.TryGetValue("configuration", out var json)
                ? JsonSerializer.Deserialize<TrainingConfiguration>(json, BundleJson.Options) ?? new TrainingConfiguration()
                : new TrainingConfiguration();
            rows = PatientSplits.HoldOut(set, TaskExperiment.Fractions, configuration.Seed).Test;
            protocol = $"re-evaluated on the model's own test patients ({rows.Count:N0} samples, the same hold-out split by patient as in training, seed {configuration.Seed})";
            context.Console.MarkupLine("This is the store the model was trained from: only its test patients are scored.");
        }
        else
        {
            protocol = $"external evaluation on every sample of the task in {Path.GetFileName(store.Path)} (model trained on {manifest.TrainingData})";
        }

        var predictions = ModelBundles.Predict(bundle, data.Dataset).Select(rows);
        var test = set.Select(rows);
        var options = Options(parse);
        var evaluation = Evaluator.Evaluate(manifest.Name, manifest.Description, protocol, test.Targets, predictions, test.Samples, null, options, null, cancellationToken);
        if (bundle.Model is IModel<FeatureMatrix> tabular && manifest.Features.Count > 0)
        {
            var aligned = test with { Inputs = TabularBundles.Align(manifest, test.Inputs) };
            evaluation = evaluation with { Importance = Galen.Evaluation.Importance.PermutationImportance.Compute(tabular, aligned, new Galen.Evaluation.Importance.PermutationImportanceOptions(1, options.Bootstrap.Seed, 2000), null, cancellationToken) };
        }

        var references = new List<ModelEvaluation>();
        if (parse.GetValue(TrainCommand.GroundTruth) is { } hospital
            && SyntheticGroundTruth.Read(hospital).RisksOf(spec, test.Samples.Select(s => s.SampleKey).ToArray(), VisitSourceKeys.Read(store)) is { } risks)
        {
            references.Add(Evaluator.Evaluate(
                "true risk (best achievable)",
                "the synthetic hospital's own probability of the outcome for each sample",
                protocol,
                test.Targets,
                new Predictions(test.Targets.Schema, test.Samples.Select(s => risks[s.SampleKey]).ToArray()),
                test.Samples,
                null,
                options,
                null,
                cancellationToken));
        }

        var document = new ReportDocument
        {
            Title = $"Galen evaluation — {manifest.Name} on {data.Name}",
            Dataset = $"{data.Name} ({data.Dataset.Task}, {data.Dataset.Parameters})",
            Models = [evaluation],
            References = references,
            Card = (manifest.Card ?? new ModelCardFacts()) with { Cohort = data.Tabular.Card.Cohort, MissingData = data.Tabular.Card.MissingData, DataSource = data.Tabular.Card.DataSource },
            Fingerprint = DataFingerprint.Of(test),
        };
        return (document, evaluation);
    }

    private static EvaluationOptions Options(ParseResult parse) => new(new BootstrapOptions(parse.GetValue(Resamples), 0.95, 42));
}
