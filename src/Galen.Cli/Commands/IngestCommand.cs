using System.CommandLine;
using System.Globalization;
using Galen.Cli.Terminal;
using Galen.Core.Errors;
using Galen.Data.Ingest;
using Galen.Data.Store;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary>
/// <c>galen ingest --format mimic|omop|fhir PATH --db FILE</c>: reads an EHR extract into the
/// clinical store with progress bars, then prints what was stored and what was quarantined.
/// </summary>
public static class IngestCommand
{
    private static readonly Argument<string> Source = new("path")
    {
        Description = "Folder of MIMIC or OMOP CSV tables, or a FHIR JSON / NDJSON file or folder.",
    };

    private static readonly Option<string> Format = new("--format", "-f")
    {
        Description = "Source format: mimic, omop or fhir.",
        Required = true,
    };

    private static readonly Option<string> Database = new("--db")
    {
        Description = "The store file (DuckDB); created when absent.",
        DefaultValueFactory = _ => ClinicalStore.DefaultFileName,
    };

    private static readonly Option<string?> LatestDate = new("--latest-date")
    {
        Description = "Dates after this (yyyy-MM-dd) are impossible and quarantined; default: tomorrow. Date-shifted extracts such as MIMIC need a later one, e.g. 2300-01-01.",
    };

    public static Command Create(CommandContext context)
    {
        var command = new Command("ingest", "Read a MIMIC-style CSV, OMOP CDM or FHIR R4 extract into the clinical store.");
        command.Arguments.Add(Source);
        command.Options.Add(Format);
        command.Options.Add(Database);
        command.Options.Add(LatestDate);
        command.SetAction(context.Run(async (parse, cancellationToken) =>
        {
            var format = ParseFormat(parse.GetValue(Format));
            var options = new IngestOptions { LatestValidTime = ParseDate(parse.GetValue(LatestDate)) };
            string source = parse.GetValue(Source)!;
            string database = Path.GetFullPath(parse.GetValue(Database)!);
            context.Console.MarkupLine($"Ingesting [bold]{format.ToString().ToUpperInvariant()}[/] from {Markup.Escape(source)} into {Markup.Escape(database)}");
            using var store = ClinicalStore.Open(database);
            var report = await ProgressBars.RunAsync(context.Console, "ingest", progress =>
                Task.Run(() => store.Ingest(format, source, options, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
            IngestSummary.Write(context.Console, report);
            context.Console.MarkupLine($"Store [bold]{Markup.Escape(database)}[/], data fingerprint {report.Fingerprint}.");
            return GalenApp.Ok;
        }));
        return command;
    }

    private static IngestFormat ParseFormat(string? text) => text?.ToLowerInvariant() switch
    {
        "mimic" => IngestFormat.Mimic,
        "omop" => IngestFormat.Omop,
        "fhir" => IngestFormat.Fhir,
        _ => throw new GalenConfigurationException($"--format must be mimic, omop or fhir (got '{text}')."),
    };

    private static DateTime? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new GalenConfigurationException($"--latest-date must be a date like 2300-01-01 (got '{text}').");
    }
}
