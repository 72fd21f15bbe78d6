using System.CommandLine;
using Galen.Cli.Learning;
using Galen.Cli.Terminal;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Learn.Configuration;
using Galen.Learn.Sources;
using Galen.Learn.Trainers;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary>
/// <c>galen train</c>: compares model families on labelled data with patient-grouped
/// cross-validation, saves one bundle per model and writes an HTML report with a model card.
/// </summary>
public static class TrainCommand
{
    // Data sources. Today a CSV; a task over the clinical store (--task, --db) plugs in beside it in LoadData.
    internal static readonly Option<string?> Data = new("--data")
    {
        Description = "CSV file of samples: a header row, one numeric column per feature, the label column, optionally a patient column.",
    };

    internal static readonly Option<string?> Label = new("--label")
    {
        Description = "Outcome column of the CSV.",
    };

    internal static readonly Option<string?> Group = new("--group")
    {
        Description = "Patient column: a patient's samples stay on one side of every split. Default: each row is its own patient.",
    };

    internal static readonly Option<LabelKind?> Kind = new("--kind")
    {
        Description = "Binary, Multiclass or Regression; inferred from the label values when left out.",
    };

    internal static readonly Option<string?> Positive = new("--positive")
    {
        Description = "Label value that is the positive outcome of a binary task (default: 1, yes, true, or the second value).",
    };

    internal static readonly Option<string[]> Ignore = new("--ignore")
    {
        Description = "Columns that are neither features nor labels (identifiers, dates); repeat or separate with commas.",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string> Models = new("--model")
    {
        Description = "Model families: " + string.Join(", ", TrainerCatalog.Names) + ", or all; comma-separated for several.",
        DefaultValueFactory = _ => "all",
    };

    private static readonly Option<string?> Config = new("--config")
    {
        Description = "Training options as JSON or YAML (seed, folds, per-model settings); see docs/learning-and-evaluation.md.",
    };

    private static readonly Option<int?> Folds = new("--folds")
    {
        Description = "Cross-validation folds (default 5, or the configuration's).",
    };

    private static readonly Option<int?> Seed = new("--seed")
    {
        Description = "Seed for splits, bootstrap and training (default 42, or the configuration's).",
    };

    private static readonly Option<string> Output = new("--out")
    {
        Description = "Folder for the bundles and the report.",
        DefaultValueFactory = _ => "galen-models",
    };

    public static Command Create(CommandContext context)
    {
        var command = new Command("train", "Train and compare models with patient-grouped cross-validation; write bundles and an HTML report.");
        foreach (var option in new Option[] { Data, Label, Group, Kind, Positive, Ignore, Models, Config, Folds, Seed, Output })
        {
            command.Options.Add(option);
        }

        command.SetAction(context.Run(async (parse, cancellationToken) =>
        {
            var configuration = parse.GetValue(Config) is { } file ? ConfigurationFile.Load(file) : new TrainingConfiguration();
            configuration = configuration with
            {
                Folds = parse.GetValue(Folds) ?? configuration.Folds,
                Seed = parse.GetValue(Seed) ?? configuration.Seed,
            };
            var models = TrainerCatalog.Expand(parse.GetValue(Models)!);
            var data = LoadData(parse);
            var kind = data.Data.Targets.Schema.Kind;
            var unsupported = models.Where(m => !TrainerCatalog.Supports(m, kind)).ToArray();
            if (unsupported.Length == models.Count)
            {
                throw new GalenConfigurationException($"None of the chosen models ({string.Join(", ", models)}) handles a {kind} outcome.", "Use logreg, forest, lightgbm or fasttree.");
            }

            string output = Path.GetFullPath(parse.GetValue(Output)!);
            context.Console.MarkupLine(Markup.Escape($"{data.Name}: {data.Data.Count} samples, {data.Data.Inputs.Columns} features, {kind} outcome '{data.Data.Targets.Schema.Name}'; models: {string.Join(", ", models.Except(unsupported))}."));
            if (unsupported.Length > 0)
            {
                context.Console.MarkupLine(Markup.Escape($"Skipped (no {kind} variant): {string.Join(", ", unsupported)}."));
            }

            if (data.Rejected.Count > 0)
            {
                context.Console.MarkupLine(Markup.Escape($"{data.Rejected.Count} rows set aside (first at line {data.Rejected[0].Line}: {data.Rejected[0].Reason}); the report counts them."));
            }

            var result = await TabularExperiment.RunAsync(context.Console, data, models, configuration, output, cancellationToken).ConfigureAwait(false);
            context.Console.MarkupLine(Markup.Escape($"Best: {result.Comparison.Best.Name}. Bundles in {output}; report: {result.Report}"));
            return GalenApp.Ok;
        }));
        return command;
    }

    /// <summary>The labelled samples named by the options. New sources (a task over the clinical store) are added here.</summary>
    internal static TrainingData LoadData(ParseResult parse, LabelSchema? expected = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string? csv = parse.GetValue(Data);
        if (csv is null)
        {
            throw new GalenConfigurationException("No data given.", "Use --data FILE.csv with --label COLUMN.");
        }

        string label = parse.GetValue(Label) ?? expected?.Name
            ?? throw new GalenConfigurationException("--label is required with --data.", "Name the outcome column of the CSV.");
        var ignore = parse.GetValue(Ignore)?.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        return CsvTrainingSource.Load(new CsvSourceOptions(
            csv,
            label,
            parse.GetValue(Group),
            parse.GetValue(Kind) ?? expected?.Kind,
            parse.GetValue(Positive) ?? (expected?.Kind == LabelKind.Binary ? expected.Classes[1] : null),
            ignore,
            expected?.Kind == LabelKind.Multiclass ? expected.Classes : null));
    }
}
