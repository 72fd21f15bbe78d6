using System.CommandLine;
using System.Globalization;
using System.Text;
using Galen.Cli.Terminal;
using Galen.Core.Errors;
using Galen.Core.Privacy;
using Galen.Core.Randomness;
using Galen.Text.Corpus;
using Galen.Text.Data.Store;
using Galen.Text.Deid.Detection;
using Galen.Text.Deid.Evaluation;
using Galen.Text.Deid.Keys;
using Galen.Text.Deid.Learning;
using Galen.Text.Deid.Operators;
using Galen.Text.Deid.Pipeline;
using Galen.Text.HeldOut;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary>
/// <c>galen deid</c>: de-identifies a note file or a folder of notes (streaming, on all cores), a
/// whole Galen store with <c>--db</c> (its note table and patient tables, into a new store), or
/// with <c>--eval</c> scores the detector on annotated notes. Output never holds the replaced
/// values: the console and the manifest show counts per PHI type and file problems only.
/// </summary>
public static class DeidCommand
{
    private static readonly Argument<string?> Input = new("input")
    {
        Description = "A note file or a folder of notes (UTF-8 text). With --eval: a folder with notes/annotations.jsonl (optional).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<string?> Output = new("--out")
    {
        Description = "Folder for the de-identified notes (or, with --db, the de-identified store galen.duckdb), deid-manifest.json and deid-notes.jsonl (and the --eval report).",
    };

    private static readonly Option<string?> Database = new("--db")
    {
        Description = "A Galen store to de-identify: its note table and patient tables, with the same per-patient keys, into OUT/galen.duckdb.",
    };

    private static readonly Option<string> Operator = new("--operator")
    {
        Description = "What replaces PHI: redact, mask, tag or surrogate.",
        DefaultValueFactory = _ => "surrogate",
    };

    private static readonly Option<string?> Keys = new("--keys")
    {
        Description = "Encrypted per-patient key store (AES-GCM); created when missing, updated after the run. Needs --key-file or $GALEN_DEID_KEY.",
    };

    private static readonly Option<string?> KeyFile = new("--key-file")
    {
        Description = "File holding the secret that encrypts the key store (default: the GALEN_DEID_KEY environment variable).",
    };

    private static readonly Option<bool> Evaluate = new("--eval")
    {
        Description = "Score the detector on held-apart annotated notes (generated, or the folder given) and write a report.",
    };

    private static readonly Option<int> EvalNotes = new("--eval-notes")
    {
        Description = "Held-apart notes to generate for --eval.",
        DefaultValueFactory = _ => 1000,
    };

    private static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seed of the held-apart notes for --eval (the detector's training seed is fixed separately).",
        DefaultValueFactory = _ => HeldOutNoteGenerator.DefaultSeed,
    };

    private static readonly Option<string?> Report = new("--report")
    {
        Description = "Where --eval writes its Markdown report (default: OUT/deid-evaluation.md, or ./deid-evaluation.md).",
    };

    private static readonly Option<string?> WriteEvalCorpus = new("--write-eval-corpus")
    {
        Description = "With --eval: also write the held-apart notes and annotations to this folder (docs/data-formats.md shape).",
    };

    private static readonly Option<bool> NoLearned = new("--no-learned")
    {
        Description = "Use only the pattern and dictionary layers (faster; lower recall on unseen names).",
    };

    private static readonly Option<int> TrainingNotes = new("--training-notes")
    {
        Description = "Training-corpus notes the learned layer is trained on at start-up.",
        DefaultValueFactory = _ => DeidModels.DefaultTrainingNotes,
    };

    private static readonly Option<int> Threads = new("--threads")
    {
        Description = "Notes de-identified in parallel (default: one per core).",
        DefaultValueFactory = _ => 0,
    };

    private static readonly Option<int> MaxLine = new("--max-line")
    {
        Description = "Longest line accepted, in characters; longer ones mark a file as broken.",
        DefaultValueFactory = _ => 100_000,
    };

    private static readonly Option<long> MaxBytes = new("--max-bytes")
    {
        Description = "Largest note file read, in bytes.",
        DefaultValueFactory = _ => 16L * 1024 * 1024,
    };

    public static Command Create(CommandContext context)
    {
        var command = new Command("deid", "De-identify clinical notes (HIPAA Safe Harbor), or evaluate the detector with --eval.");
        command.Arguments.Add(Input);
        foreach (var option in new Option[] { Output, Database, Operator, Keys, KeyFile, Evaluate, EvalNotes, Seed, Report, WriteEvalCorpus, NoLearned, TrainingNotes, Threads, MaxLine, MaxBytes })
        {
            command.Options.Add(option);
        }

        command.SetAction(context.Run(async (parse, cancellationToken) =>
        {
            var console = context.Console;
            if (parse.GetValue(Database) is { } database && !File.Exists(database))
            {
                // Before the learned layer is trained: a mistyped path should not cost the training time.
                throw new GalenInputException("does not exist.", new SourceLocation(database), "Give the Galen store (a .duckdb file written by `galen ingest`).");
            }

            bool learned = !parse.GetValue(NoLearned);
            LearnedPhiDetector? model = null;
            int trainingNotes = parse.GetValue(TrainingNotes);
            if (learned)
            {
                if (trainingNotes < 10)
                {
                    throw new GalenConfigurationException($"--training-notes must be at least 10 (got {trainingNotes}).");
                }

                model = await ProgressBars.RunAsync(console, "de-id", progress =>
                    Task.Run(() => DeidModels.TrainDefault(Seeds.Default, trainingNotes, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
            }

            var detector = LayeredPhiDetector.Create(model);
            return parse.GetValue(Evaluate)
                ? RunEvaluation(parse, console, detector, learned ? trainingNotes : 0, cancellationToken)
                : await RunDeidentification(parse, console, detector, learned, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> RunDeidentification(ParseResult parse, IAnsiConsole console, LayeredPhiDetector detector, bool learned, CancellationToken cancellationToken)
    {
        string? input = parse.GetValue(Input);
        string? database = parse.GetValue(Database);
        if (input is not null && database is not null)
        {
            throw new GalenConfigurationException("Give either notes to de-identify or --db, not both.", "Usage: galen deid NOTES --out OUT, or galen deid --db galen.duckdb --out OUT.");
        }

        if (input is null && database is null)
        {
            throw new GalenConfigurationException("Give the notes to de-identify (a file or a folder), or a store with --db.", "Usage: galen deid NOTES --out OUT, galen deid --db galen.duckdb --out OUT, or galen deid --eval.");
        }

        string output = parse.GetValue(Output) ?? throw new GalenConfigurationException("--out is required: the folder for the de-identified output and the manifest.");
        var deidOperator = ParseOperator(parse.GetValue(Operator)!);
        if (database is not null && deidOperator != DeidOperator.Surrogate)
        {
            throw new GalenConfigurationException($"--db writes a store that tasks can read, so it needs the surrogate operator (got '{parse.GetValue(Operator)}').", "Drop --operator, or de-identify exported note files instead.");
        }

        var limits = new NoteReadLimits(parse.GetValue(MaxBytes), parse.GetValue(MaxLine));
        if (limits.MaxBytes < 1 || limits.MaxLineCharacters < 1)
        {
            throw new GalenConfigurationException("--max-bytes and --max-line must be positive.");
        }

        string inputPath = input ?? database!;
        if (Path.GetFullPath(output).StartsWith(Path.GetFullPath(inputPath) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.GetFullPath(output) == Path.GetFullPath(inputPath))
        {
            throw new GalenConfigurationException("--out must not be inside the input folder.", "Write de-identified notes to a separate folder.");
        }

        string? keysPath = parse.GetValue(Keys);
        KeyEncryptionKey? keyKey = null;
        PatientKeyStore keys;
        if (keysPath is not null)
        {
            string? keyFile = parse.GetValue(KeyFile);
            keyKey = keyFile is not null ? KeyEncryptionKey.FromFile(keyFile) : KeyEncryptionKey.FromEnvironment()
                ?? throw new GalenConfigurationException("--keys needs the key that encrypts it.", $"Give --key-file FILE or set {KeyEncryptionKey.EnvironmentVariable}.");
            keys = PatientKeyStore.OpenOrCreate(keysPath, keyKey);
        }
        else
        {
            keys = PatientKeyStore.CreateNew();
            if (deidOperator == DeidOperator.Surrogate)
            {
                console.MarkupLine("[yellow]No --keys given: surrogates, date shifts and pseudonyms will not match another run. Use --keys to keep them.[/]");
            }
        }

        if (database is not null)
        {
            return await RunStore(parse, console, detector, learned, database, output, keys, keysPath, keyKey, cancellationToken).ConfigureAwait(false);
        }

        var source = new FileNoteSource(inputPath, limits);
        var sink = new FolderNoteSink(output);
        var deidentifier = new NoteDeidentifier(detector, new SurrogateFactory(keys), deidOperator);
        var runner = new DeidRunner(deidentifier, parse.GetValue(Threads));
        console.MarkupLine($"De-identifying {Markup.Escape(source.Description)} with the [bold]{deidOperator.ToString().ToLowerInvariant()}[/] operator; layers: patterns, dictionaries{(learned ? ", learned" : string.Empty)}.");
        string linesPath = Path.Combine(Path.GetFullPath(output), "deid-notes.jsonl");
        DeidManifest manifest;
        await using (var lines = new StreamWriter(linesPath, append: false, NoteFileReader.Utf8NoBom))
        {
            lines.NewLine = "\n";
            manifest = await ProgressBars.RunAsync(console, "deid", progress =>
                Task.Run(() => runner.Run(source, sink, lines, learned, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(Path.GetFullPath(output), "deid-manifest.json"), DeidRunner.ToJson(manifest), NoteFileReader.Utf8NoBom, cancellationToken).ConfigureAwait(false);
        if (keysPath is not null)
        {
            keys.Save(keysPath, keyKey!);
        }

        WriteSummary(console, manifest, keys, keysPath);
        console.MarkupLine($"{manifest.NotesWritten:N0} notes written to {Markup.Escape(output)}; manifest in deid-manifest.json and deid-notes.jsonl.");
        return manifest.NotesFailed > 0 ? GalenApp.UserError : GalenApp.Ok;
    }

    private static async Task<int> RunStore(
        ParseResult parse,
        IAnsiConsole console,
        LayeredPhiDetector detector,
        bool learned,
        string database,
        string output,
        PatientKeyStore keys,
        string? keysPath,
        KeyEncryptionKey? keyKey,
        CancellationToken cancellationToken)
    {
        string folder = Path.GetFullPath(output);
        Directory.CreateDirectory(folder);
        string storePath = Path.Combine(folder, StoreDeidentifier.OutputFileName);
        var deidentifier = new StoreDeidentifier(new NoteDeidentifier(detector, new SurrogateFactory(keys), DeidOperator.Surrogate), parse.GetValue(Threads));
        console.MarkupLine($"De-identifying the store {Markup.Escape(Path.GetFileName(database))} into {Markup.Escape(storePath)}; layers: patterns, dictionaries{(learned ? ", learned" : string.Empty)}.");
        StoreDeidentification result;
        await using (var lines = new StreamWriter(Path.Combine(folder, "deid-notes.jsonl"), append: false, NoteFileReader.Utf8NoBom))
        {
            lines.NewLine = "\n";
            result = await ProgressBars.RunAsync(console, "deid", progress =>
                Task.Run(() => deidentifier.Run(database, storePath, lines, learned, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "deid-manifest.json"), result.ToJson(), NoteFileReader.Utf8NoBom, cancellationToken).ConfigureAwait(false);
        if (keysPath is not null)
        {
            keys.Save(keysPath, keyKey!);
        }

        var tables = new Table().Border(TableBorder.Rounded).Title("[bold]de-identified store[/]");
        tables.AddColumn("table");
        tables.AddColumn(new TableColumn("rows read").RightAligned());
        tables.AddColumn(new TableColumn("rows written").RightAligned());
        foreach (var table in result.Tables)
        {
            tables.AddRow(table.Table, table.Read.ToString("N0", CultureInfo.InvariantCulture), table.Written.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(tables);
        WriteSummary(console, result.Notes, keys, keysPath);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Store written to {Markup.Escape(storePath)}; {result.PatientsAgedOver89:N0} patients aged 90 or over had their date of birth moved; manifest in deid-manifest.json and deid-notes.jsonl."));
        return result.Notes.NotesFailed > 0 ? GalenApp.UserError : GalenApp.Ok;
    }

    private static void WriteSummary(IAnsiConsole console, DeidManifest manifest, PatientKeyStore keys, string? keysPath)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]replaced (counts only)[/]");
        table.AddColumn("PHI type");
        table.AddColumn(new TableColumn("replaced").RightAligned());
        foreach (var (type, count) in manifest.Replaced)
        {
            table.AddRow(type.ToString(), count.ToString("N0", CultureInfo.InvariantCulture));
        }

        table.AddRow("[bold]total[/]", manifest.TotalReplaced.ToString("N0", CultureInfo.InvariantCulture));
        console.Write(table);
        if (manifest.Failures.Count > 0)
        {
            console.MarkupLine($"[yellow]{manifest.Failures.Count:N0} notes were not de-identified (listed in the manifest):[/]");
            foreach (var failure in manifest.Failures.Take(50))
            {
                console.MarkupLine($"  [yellow]{Markup.Escape(failure.Id)}[/] {Markup.Escape(failure.Problem)}");
            }
        }

        if (keysPath is not null)
        {
            console.MarkupLine($"Key store {Markup.Escape(keysPath)}: {keys.Count:N0} patients ({manifest.PatientsAddedToKeyStore:N0} new), encrypted.");
        }
    }

    private static int RunEvaluation(ParseResult parse, IAnsiConsole console, LayeredPhiDetector detector, int trainingNotes, CancellationToken cancellationToken)
    {
        bool learned = trainingNotes > 0;
        string? input = parse.GetValue(Input);
        int seed = parse.GetValue(Seed);
        int count = parse.GetValue(EvalNotes);
        IReadOnlyList<AnnotatedNote> notes;
        string corpus;
        if (input is not null)
        {
            notes = AnnotatedCorpus.Read(input);
            corpus = $"annotated notes from `{Path.GetFileName(Path.GetFullPath(input))}` ({notes.Count:N0} notes)";
        }
        else
        {
            if (count < 1)
            {
                throw new GalenConfigurationException($"--eval-notes must be at least 1 (got {count}).");
            }

            notes = HeldOutNoteGenerator.Create(seed).Generate(count);
            corpus = $"{notes.Count:N0} held-apart notes from Galen.Text.HeldOut, seed {seed}";
        }

        if (parse.GetValue(WriteEvalCorpus) is { } corpusFolder)
        {
            AnnotatedCorpus.Write(corpusFolder, notes);
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var evaluation = DeidEvaluation.Run(notes, detector, cancellationToken);
        double seconds = started.Elapsed.TotalSeconds;
        var overall = evaluation.Overall;

        string heading = input is null ? "held-apart notes" : "annotated notes from " + Path.GetFileName(Path.GetFullPath(input));
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]de-identification on {Markup.Escape(heading)}[/]");
        foreach (var column in new[] { "PHI type", "gold", "entity R", "entity P", "entity F2", "token R", "token P", "token F2", "type agreement" })
        {
            table.AddColumn(column == "PHI type" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        }

        foreach (var score in evaluation.ByType.Append(overall))
        {
            string name = score.Type?.ToString() ?? "[bold]overall[/]";
            bool low = score.GoldEntities > 0 && score.EntityRecall < (score.Type is null ? 0.99 : 0.97);
            string recall = DeidEvaluation.F(score.EntityRecall);
            table.AddRow(
                name,
                score.GoldEntities.ToString("N0", CultureInfo.InvariantCulture),
                low ? $"[red]{recall}[/]" : recall,
                DeidEvaluation.F(score.EntityPrecision),
                DeidEvaluation.F(score.EntityF2),
                DeidEvaluation.F(score.TokenRecall),
                DeidEvaluation.F(score.TokenPrecision),
                DeidEvaluation.F(score.TokenF2),
                DeidEvaluation.F(score.TypeAgreement));
        }

        console.Write(table);
        var weakest = evaluation.ByType.Where(s => s.GoldEntities > 0).MinBy(s => s.EntityRecall);
        bool met = overall.EntityRecall >= 0.99 && overall.EntityPrecision >= 0.90 && (weakest is null || weakest.EntityRecall >= 0.97);
        string verdict = string.Create(CultureInfo.InvariantCulture,
            $"Targets (recall >= 0.99 overall and >= 0.97 per type, precision >= 0.90): {(met ? "met" : "NOT met")}. Overall entity recall {DeidEvaluation.F(overall.EntityRecall)}, precision {DeidEvaluation.F(overall.EntityPrecision)}; weakest type {weakest?.Type} at {DeidEvaluation.F(weakest?.EntityRecall ?? double.NaN)}.");
        console.MarkupLine(met ? "[green]" + Markup.Escape(verdict) + "[/]" : "[red]" + Markup.Escape(verdict) + "[/]");

        string reportPath = parse.GetValue(Report)
            ?? (parse.GetValue(Output) is { } output ? Path.Combine(output, "deid-evaluation.md") : "deid-evaluation.md");
        string? folder = Path.GetDirectoryName(Path.GetFullPath(reportPath));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"## De-identification on {heading}");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Command: `galen deid --eval{(input is null ? $" --eval-notes {count} --seed {seed}" : " " + Path.GetFileName(Path.GetFullPath(input)))}{(learned ? $" --training-notes {trainingNotes}" : " --no-learned")}`.");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Corpus: {corpus}. Detector: patterns + dictionaries{(learned ? $" + learned layer (averaged perceptron trained on {trainingNotes:N0} training-corpus notes, seed {Seeds.Default})" : " (no learned layer)")}. Scored in {seconds:F1} s.");
        report.AppendLine();
        report.AppendLine("Entity recall: a gold entity counts as found when every one of its word tokens is covered by some prediction (of any type — hidden is hidden). Entity precision: a prediction counts as right when it overlaps any gold PHI. F2 weighs recall four times as much as precision. Type agreement: of the entities found, the share whose covering prediction had the gold type.");
        report.AppendLine();
        report.Append(evaluation.ToMarkdown());
        report.AppendLine();
        report.AppendLine(verdict);
        File.WriteAllText(reportPath, report.ToString(), NoteFileReader.Utf8NoBom);
        console.MarkupLine($"Report written to {Markup.Escape(reportPath)}.");
        return GalenApp.Ok;
    }

    private static DeidOperator ParseOperator(string value) =>
        Enum.TryParse<DeidOperator>(value, ignoreCase: true, out var parsed) && !int.TryParse(value, out _)
            ? parsed
            : throw new GalenConfigurationException($"--operator must be redact, mask, tag or surrogate (got '{value}').");
}
