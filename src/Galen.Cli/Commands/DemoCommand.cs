using System.CommandLine;
using Galen.Cli.Demo;
using Galen.Cli.Terminal;
using Galen.Core.Errors;
using Galen.Core.Randomness;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary>
/// <c>galen demo</c>: Galen's main job on built-in data, as the stages listed in
/// <see cref="DemoPipeline"/>.
/// </summary>
public static class DemoCommand
{
    private static readonly Option<int> Patients = new("--patients")
    {
        Description = "Patients in the generated cohort.",
        DefaultValueFactory = _ => 4000,
    };

    private static readonly Option<int> Seed = new("--seed")
    {
        Description = "Seed for every random choice; the same seed gives the same result.",
        DefaultValueFactory = _ => Seeds.Default,
    };

    private static readonly Option<int> Epochs = new("--epochs")
    {
        Description = "Most training epochs for the sequence networks (early stopping on validation patients may stop sooner).",
        // A few epochs keep the demo to minutes on two cores; galen train --task defaults to 30.
        DefaultValueFactory = _ => 8,
    };

    private static readonly Option<bool> Serve = new("--serve")
    {
        Description = "End by serving the demo's models (REST, FHIR, CDS Hooks, dashboard) until Ctrl+C.",
    };

    private static readonly Option<string> Output = new("--out")
    {
        Description = "Folder for the demo's data, store, models and reports.",
        DefaultValueFactory = _ => "galen-demo",
    };

    public static Command Create(CommandContext context)
    {
        var command = new Command("demo", "Run Galen's main job end to end on built-in synthetic data.");
        command.Options.Add(Patients);
        command.Options.Add(Seed);
        command.Options.Add(Epochs);
        command.Options.Add(Output);
        command.Options.Add(Serve);
        command.SetAction(context.Run(async (parse, cancellationToken) =>
        {
            var options = new DemoOptions(parse.GetValue(Patients), parse.GetValue(Seed), parse.GetValue(Epochs), parse.GetValue(Serve));
            if (options.Patients < 100)
            {
                throw new GalenConfigurationException($"--patients must be at least 100 (got {options.Patients}).", "Use a larger cohort so the test split holds both outcomes.");
            }

            if (options.Epochs < 1)
            {
                throw new GalenConfigurationException($"--epochs must be at least 1 (got {options.Epochs}).");
            }

            string work = Path.GetFullPath(parse.GetValue(Output)!);
            Directory.CreateDirectory(work);
            var demo = new DemoContext(context.Console, options, work);
            context.Console.MarkupLine($"[bold]Galen demo[/] — writing to {Markup.Escape(work)}");
            foreach (var stage in DemoPipeline.Stages())
            {
                cancellationToken.ThrowIfCancellationRequested();
                context.Console.Write(new Rule($"[bold]{Markup.Escape(stage.Title)}[/]").LeftJustified());
                await stage.RunAsync(demo, cancellationToken).ConfigureAwait(false);
            }

            return GalenApp.Ok;
        }));
        return command;
    }
}
