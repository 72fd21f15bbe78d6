using System.CommandLine;
using System.Globalization;
using Galen.Cli.Imaging;
using Galen.Cli.Terminal;
using Galen.Core.Randomness;
using Galen.Data.Synthetic.Imaging;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary>
/// <c>galen synth images</c>: synthetic chest films with a label, lesion mask and bounding box
/// per film, as PNG files plus labels.csv (docs/synthetic-hospital.md#chest-films).
/// </summary>
public static class SynthImagesCommand
{
    private static readonly Option<int> Count = new("--count")
    {
        Description = "Number of films.",
        DefaultValueFactory = _ => 1000,
    };

    private static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seed for every random choice; the same seed gives identical films.",
        DefaultValueFactory = _ => Seeds.Default,
    };

    private static readonly Option<int> Size = new("--size")
    {
        Description = "Width and height of each film in pixels.",
        DefaultValueFactory = _ => 64,
    };

    private static readonly Option<double> Pneumonia = new("--pneumonia")
    {
        Description = "Share of films with a pneumonia (consolidation).",
        DefaultValueFactory = _ => new ChestFilmOptions().PneumoniaFraction,
    };

    private static readonly Option<double> Oedema = new("--oedema")
    {
        Description = "Share of films with pulmonary oedema; the rest are normal.",
        DefaultValueFactory = _ => new ChestFilmOptions().OedemaFraction,
    };

    private static readonly Option<string> Output = new("--out")
    {
        Description = "Output folder (new, empty, or earlier films with --overwrite).",
        DefaultValueFactory = _ => "chest-films",
    };

    private static readonly Option<bool> Overwrite = new("--overwrite")
    {
        Description = "Replace synthetic films already in the output folder.",
    };

    public static Command Create(CommandContext context)
    {
        var command = new Command("images", "Generate synthetic chest films (PNG) with labels, lesion masks and boxes.");
        command.Options.Add(Count);
        command.Options.Add(Seed);
        command.Options.Add(Size);
        command.Options.Add(Pneumonia);
        command.Options.Add(Oedema);
        command.Options.Add(Output);
        command.Options.Add(Overwrite);
        command.SetAction(context.Run(async (parse, cancellationToken) =>
        {
            var options = new ChestFilmOptions
            {
                Count = parse.GetValue(Count),
                Seed = parse.GetValue(Seed),
                Size = parse.GetValue(Size),
                PneumoniaFraction = parse.GetValue(Pneumonia),
                OedemaFraction = parse.GetValue(Oedema),
            };
            var generator = new ChestFilmGenerator(options);
            string directory = Path.GetFullPath(parse.GetValue(Output)!);
            ChestFilmFolder.Prepare(directory, parse.GetValue(Overwrite));

            context.Console.MarkupLine($"[bold]Synthetic chest films[/] — {options.Count:N0} films of {options.Size}×{options.Size}, seed {options.Seed} → {Markup.Escape(directory)}");
            var summary = await ProgressBars.RunAsync(context.Console, "films", progress =>
                Task.Run(() => ChestFilmFolder.Write(generator, directory, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);

            var table = new Table().Border(TableBorder.Rounded).Title("[bold]films[/]");
            table.AddColumn("finding");
            table.AddColumn(new TableColumn("films").RightAligned());
            table.AddColumn(new TableColumn("share").RightAligned());
            foreach (var (finding, films) in summary.Findings)
            {
                table.AddRow(ChestFilmFindings.Name(finding), films.ToString("N0", CultureInfo.InvariantCulture), (films / (double)summary.Films).ToString("P1", CultureInfo.InvariantCulture));
            }

            context.Console.Write(table);
            context.Console.MarkupLine($"Wrote images/, masks/ ({summary.Masks:N0} lesion masks), labels.csv and manifest.json.");
            return GalenApp.Ok;
        }));
        return command;
    }
}
