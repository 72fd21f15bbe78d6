using System.CommandLine;
using Galen.Cli.Learning;
using Galen.Cli.Terminal;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Data.Store;
using Galen.Data.Tasks;
using Galen.Learn.Configuration;
using Galen.Learn.Sources;
using Galen.Learn.Trainers;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary>
/// <c>galen train</c>: compares model families on labelled data — a CSV with patient-grouped
/// cross-validation, or a clinical task from the store (tabular models and networks) on one
/// split by patient — saves one bundle per model and writes an HTML report with a model card.
/// </summary>
public static class TrainCommand
{
    // Data sources: a CSV of samples (--data, --label), or a clinical task built from the store (--task, --db).
    internal static readonly Option<string?> ClinicalTask = new("--task")
    {
        Description = "Clinical task built from the store: " + string.Join(", ", TaskCatalog.Names) + ".",
    };

    internal static readonly Option<string> Database = new("--db")
    {
        Description = "Clinical store (DuckDB file written by galen ingest) the task is built from.",
        DefaultValueFactory = _ => ClinicalStore.DefaultFileName,
    };

    internal static readonly Option<double?> ObservationHours = new("--observation-hours")
    {
        Description = "Hours after admission the prediction is made (mortality, los); default 24.",
    };

    internal static readonly Option<double?> WindowDays = new("--window-days")
    {
        Description = "Readmission window in days; default 30.",
    };

    internal static readonly Option<string?> GroundTruth = new("--ground-truth")
    {
        Description = "Folder of the synthetic hospital the store was ingested from: adds the AUROC of its true risks on the same test samples (the best achievable).",
    };

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

    internal static readonly Option<string?> Images = new("--images")
    {
        Description = "Folder of labelled films (labels.csv + PNG files, as galen synth images writes it): trains the CNN (--model cnn).",
    };

    private static readonly Option<string> Models = new("--model")
    {
        Description = "Models: " + string.Join(", ", TaskExperiment.ModelNames) + ", or all (the tabular ones); comma-separated for several. Networks need --task; cnn needs --images.",
        DefaultValueFactory = _ => "all",
    };

    private static readonly Option<int> Epochs = new("--epochs")
    {
        Description = "Most training epochs for networks (early stopping on validation patients usually stops sooner).",
        DefaultValueFactory = _ => new SequenceTraining().Epochs,
    };

    private static readonly Option<bool> Deterministic = new("--deterministic")
    {
        Description = "Train networks bit-for-bit repeatably: one libtorch thread and deterministic algorithms only (slower on several cores). Without it the same seed repeats a run up to the order in which threads add numbers.",
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
        var command = new Command("train", "Train and compare models (patient-grouped cross-validation on a CSV, a patient hold-out on a clinical task); write bundles and an HTML report.");
        foreach (var option in new Option[] { ClinicalTask, Database, Images, ObservationHours, WindowDays, GroundTruth, Data, Label, Group, Kind, Positive, Ignore, Models, Epochs, Deterministic, Config, Folds, Seed, Output })
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
            if (parse.GetValue(Images) is { } images)
            {
                CheckImageOptions(parse);
                string folder = Path.GetFullPath(parse.GetValue(Output)!);
                await ImageExperiment.RunAsync(context.Console, images, parse.GetValue(Epochs), configuration, folder, parse.GetValue(Deterministic), cancellationToken).ConfigureAwait(false);
                return GalenApp.Ok;
            }

            if (parse.GetValue(Models)!.Split(',').Any(m => m.Trim().Equals(ImageExperiment.ModelName, StringComparison.OrdinalIgnoreCase)))
            {
                throw new GalenConfigurationException("The CNN trains on images.", "Use --images FOLDER (see galen synth images) with --model cnn.");
            }

            if (parse.GetValue(ClinicalTask) is not null)
            {
                return await TrainOnTaskAsync(context, parse, configuration, cancellationToken).ConfigureAwait(false);
            }

            var requested = TaskExperiment.Expand(parse.GetValue(Models)!);
            if (requested.FirstOrDefault(TaskExperiment.IsNetwork) is { } network)
            {
                throw new GalenConfigurationException($"The network '{network}' trains on a clinical task, not on a CSV.", "Use --task NAME --db STORE (see galen ingest), or a tabular model.");
            }

            var models = TrainerCatalog.Expand(string.Join(',', requested));
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

    /// <summary>
    /// <c>galen train --task</c>: builds the task from the store, trains the chosen tabular models
    /// and networks on one split by patient, evaluates them on the same test patients, and writes
    /// a bundle per model and the report.
    /// </summary>
    private static async Task<int> TrainOnTaskAsync(CommandContext context, ParseResult parse, TrainingConfiguration configuration, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Data) is not null)
        {
            throw new GalenConfigurationException("Both --task and --data were given.", "Train on a clinical task (--task, --db) or on a CSV (--data, --label), not both.");
        }

        var models = TaskExperiment.Expand(parse.GetValue(Models)!);
        int epochs = parse.GetValue(Epochs);
        if (epochs < 1)
        {
            throw new GalenConfigurationException($"--epochs must be at least 1 (got {epochs}).");
        }

        var spec = TaskSpec(parse);
        string database = OpenableStore(parse);
        using var store = ClinicalStore.Open(database);
        var data = (await ProgressBars.RunAsync(context.Console, "task", progress =>
            Task.Run(() => ClinicalTaskSource.Load(store, [spec], null, progress, cancellationToken), cancellationToken)).ConfigureAwait(false))[0];
        var risks = parse.GetValue(GroundTruth) is { } hospital
            ? SyntheticGroundTruth.Read(hospital).RisksOf(spec, data.Dataset.Samples.Select(s => s.SampleKey).ToArray(), VisitSourceKeys.Read(store))
            : null;
        if (parse.GetValue(GroundTruth) is not null && risks is null)
        {
            context.Console.MarkupLine(Markup.Escape($"The synthetic hospital exports no true risk for {spec.Name} with these parameters; no best achievable score is shown."));
        }

        var summary = data.Dataset.Summarize();
        context.Console.MarkupLine(Markup.Escape($"{data.Name}: {summary.Samples:N0} samples of {summary.Patients:N0} patients, {summary.OutcomeText}; {data.Dataset.Tabular.Inputs.Columns} tabular features; models: {string.Join(", ", models)}."));
        string output = Path.GetFullPath(parse.GetValue(Output)!);
        var result = await ClinicalExperiment.RunAsync(context.Console, data, models, configuration, new SequenceTraining { Epochs = epochs, Deterministic = parse.GetValue(Deterministic) }, risks, output, cancellationToken).ConfigureAwait(false);
        using (result.Result)
        {
            context.Console.MarkupLine(Markup.Escape($"Best: {result.Result.Best.Name}. Bundles in {output}; report: {result.Report}"));
        }

        return GalenApp.Ok;
    }

    /// <summary>--images trains the CNN alone: options of the CSV and task sources, or another model, are a configuration error.</summary>
    private static void CheckImageOptions(ParseResult parse)
    {
        var conflicting = new (string Name, bool Given)[]
        {
            ("--task", parse.GetValue(ClinicalTask) is not null),
            ("--data", parse.GetValue(Data) is not null),
            ("--label", parse.GetValue(Label) is not null),
            ("--group", parse.GetValue(Group) is not null),
            ("--kind", parse.GetValue(Kind) is not null),
            ("--positive", parse.GetValue(Positive) is not null),
            ("--ignore", parse.GetValue(Ignore) is { Length: > 0 }),
            ("--ground-truth", parse.GetValue(GroundTruth) is not null),
            ("--observation-hours", parse.GetValue(ObservationHours) is not null),
            ("--window-days", parse.GetValue(WindowDays) is not null),
            ("--folds", parse.GetValue(Folds) is not null),
        }.Where(o => o.Given).Select(o => o.Name).ToArray();
        if (conflicting.Length > 0)
        {
            throw new GalenConfigurationException(
                $"--images cannot be combined with {string.Join(", ", conflicting)}.",
                "Train the CNN on a film folder (--images FOLDER --model cnn), or tabular models and networks on a CSV (--data) or a clinical task (--task), not both.");
        }

        string model = parse.GetValue(Models)!.Trim();
        if (!model.Equals(ImageExperiment.ModelName, StringComparison.OrdinalIgnoreCase) && !model.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            throw new GalenConfigurationException($"Only the CNN trains on images, not '{model}'.", "Use --model cnn with --images.");
        }
    }

    /// <summary>The task named by --task and its time options.</summary>
    internal static TaskSpec TaskSpec(ParseResult parse, TaskSpec? saved = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string name = parse.GetValue(ClinicalTask) ?? saved?.Name
            ?? throw new GalenConfigurationException("No task given.", "Use --task " + string.Join("|", TaskCatalog.Names) + ".");
        var spec = new TaskSpec(name, parse.GetValue(ObservationHours) ?? saved?.ObservationHours, parse.GetValue(WindowDays) ?? saved?.WindowDays);
        _ = spec.Create(); // an unknown name or a bad window fails here, before the store is opened
        return spec;
    }

    /// <summary>The --db file, which must exist (a store is never created by training).</summary>
    internal static string OpenableStore(ParseResult parse)
    {
        string database = Path.GetFullPath(parse.GetValue(Database)!);
        return File.Exists(database)
            ? database
            : throw new GalenInputException("The clinical store does not exist.", new SourceLocation(database), "Create it with galen ingest --format mimic|omop|fhir PATH --db FILE.");
    }

    /// <summary>The labelled samples of a CSV named by the options.</summary>
    internal static TrainingData LoadData(ParseResult parse, LabelSchema? expected = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string? csv = parse.GetValue(Data);
        if (csv is null)
        {
            throw new GalenConfigurationException("No data given.", "Use --data FILE.csv with --label COLUMN, or --task NAME --db STORE.");
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
