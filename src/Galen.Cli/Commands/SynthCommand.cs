using System.CommandLine;
using System.Globalization;
using Galen.Cli.Terminal;
using Galen.Core.Errors;
using Galen.Core.Randomness;
using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Output;
using Galen.Evaluation.Metrics;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary>
/// <c>galen synth</c>: generates a synthetic hospital with known ground truth in MIMIC-style
/// CSV, OMOP CDM or FHIR R4 (docs/synthetic-hospital.md).
/// </summary>
public static class SynthCommand
{
    private static readonly Option<int> Patients = new("--patients")
    {
        Description = "Number of patients (each has at least one admission).",
        DefaultValueFactory = _ => 1000,
    };

    private static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seed for every random choice; the same seed gives byte-identical files.",
        DefaultValueFactory = _ => Seeds.Default,
    };

    private static readonly Option<string> Format = new("--format")
    {
        Description = "Output format: mimic, omop or fhir.",
        DefaultValueFactory = _ => "mimic",
    };

    private static readonly Option<string> Output = new("--out")
    {
        Description = "Output folder (new, empty, or an earlier hospital with --overwrite).",
        DefaultValueFactory = _ => "synthetic-hospital",
    };

    private static readonly Option<bool> Gzip = new("--gzip")
    {
        Description = "Write CSV tables as .csv.gz (mimic, omop).",
    };

    private static readonly Option<string> FhirLayoutOption = new("--fhir-layout")
    {
        Description = "FHIR layout: ndjson (one file per resource type) or bundles (one transaction Bundle per patient).",
        DefaultValueFactory = _ => "ndjson",
    };

    private static readonly Option<string> NoteTemplates = new("--note-templates")
    {
        Description = "Note template set: 'standard' or a folder with notes.txt and phrases.txt.",
        DefaultValueFactory = _ => "standard",
    };

    private static readonly Option<bool> Overwrite = new("--overwrite")
    {
        Description = "Replace a synthetic hospital already in the output folder.",
    };

    public static Command Create(CommandContext context)
    {
        var command = new Command("synth", "Generate a synthetic hospital with known ground truth (MIMIC-style CSV, OMOP or FHIR).");
        command.Options.Add(Patients);
        command.Options.Add(Seed);
        command.Options.Add(Format);
        command.Options.Add(Output);
        command.Options.Add(Gzip);
        command.Options.Add(FhirLayoutOption);
        command.Options.Add(NoteTemplates);
        command.Options.Add(Overwrite);
        command.Subcommands.Add(SynthImagesCommand.Create(context));
        command.SetAction(context.Run(async (parse, cancellationToken) =>
        {
            var format = ParseFormat(parse.GetValue(Format)!);
            var layout = parse.GetValue(FhirLayoutOption) switch
            {
                "ndjson" => FhirLayout.Ndjson,
                "bundles" => FhirLayout.Bundles,
                var other => throw new GalenConfigurationException($"--fhir-layout must be ndjson or bundles (got '{other}')."),
            };
            var options = new SyntheticHospitalOptions
            {
                Patients = parse.GetValue(Patients),
                Seed = parse.GetValue(Seed),
                NoteTemplates = parse.GetValue(NoteTemplates)!,
            };
            options.Validate();
            string directory = Path.GetFullPath(parse.GetValue(Output)!);
            HospitalOutputFolder.Prepare(directory, parse.GetValue(Overwrite));

            context.Console.MarkupLine($"[bold]Synthetic hospital[/] — {options.Patients:N0} patients, seed {options.Seed}, {format.ToString().ToLowerInvariant()} → {Markup.Escape(directory)}");
            var summary = await ProgressBars.RunAsync(context.Console, "synth", progress => Task.Run(() =>
            {
                using var writer = HospitalOutputFolder.CreateWriter(format, directory, parse.GetValue(Gzip), layout);
                return SyntheticHospital.Generate(options, writer, progress, cancellationToken);
            }, cancellationToken)).ConfigureAwait(false);

            Print(context.Console, summary);
            return GalenApp.Ok;
        }));
        return command;
    }

    /// <summary>The format named on the command line.</summary>
    public static SyntheticFormat ParseFormat(string name) => name.ToLowerInvariant() switch
    {
        "mimic" => SyntheticFormat.Mimic,
        "omop" => SyntheticFormat.Omop,
        "fhir" => SyntheticFormat.Fhir,
        _ => throw new GalenConfigurationException($"--format must be mimic, omop or fhir (got '{name}')."),
    };

    /// <summary>Outcome rates, the best achievable mortality AUROC, and the files written.</summary>
    internal static void Print(IAnsiConsole console, SyntheticHospitalSummary summary)
    {
        static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);

        var cohort = new Table().Border(TableBorder.Rounded).Title("[bold]cohort[/]");
        cohort.AddColumn("measure");
        cohort.AddColumn(new TableColumn("value").RightAligned());
        cohort.AddRow("patients", Number(summary.Patients));
        cohort.AddRow("admissions", Number(summary.Admissions));
        cohort.AddRow("in-hospital mortality (true mean risk)", $"{Percent(summary.InHospitalMortalityRate)} ({Percent(summary.MeanDeathProbability)})");
        cohort.AddRow("30-day readmission (true mean risk)", $"{Percent(summary.ReadmissionRate)} ({Percent(summary.MeanReadmissionProbability)})");
        cohort.AddRow("mean length of stay", summary.MeanLengthOfStayDays.ToString("F1", CultureInfo.InvariantCulture) + " days");
        cohort.AddRow("ICU stays", Number(summary.IcuStays));
        cohort.AddRow("notes (PHI spans)", $"{Number(summary.Notes)} ({Number(summary.PhiSpans)})");
        cohort.AddRow("lab results / vital signs", $"{Number(summary.LabResults)} / {Number(summary.VitalSigns)}");
        double bayes = BinaryRanking.Auroc(summary.Deaths.ToArray(), summary.DeathProbabilities.ToArray());
        cohort.AddRow("best achievable mortality AUROC", double.IsNaN(bayes) ? "n/a" : bayes.ToString("F3", CultureInfo.InvariantCulture));
        console.Write(cohort);

        var files = new Table().Border(TableBorder.Rounded).Title("[bold]files[/]");
        files.AddColumn("file");
        files.AddColumn(new TableColumn("rows").RightAligned());
        files.AddColumn(new TableColumn("MB").RightAligned());
        foreach (var file in summary.Files)
        {
            files.AddRow(Markup.Escape(file.Path), Number(file.Rows), (file.Bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture));
        }

        console.Write(files);
    }
}
