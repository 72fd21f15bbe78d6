using System.CommandLine;
using System.Globalization;
using Galen.Cli.Terminal;
using Galen.Core.Errors;
using Galen.Core.Randomness;
using Galen.Deep.Runtime;
using Galen.Deep.Training;
using Galen.Evaluation.Metrics;
using Spectre.Console;

namespace Galen.Cli.Commands;

/// <summary>
/// <c>galen demo</c>: Galen's main job on built-in data. Generates a cohort from a known risk
/// model, trains a network on a training split, and reports its test AUROC next to the best
/// AUROC any model could reach on that data (computed from the true risks).
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
        Description = "Training epochs.",
        DefaultValueFactory = _ => 25,
    };

    public static Command Create(CommandContext context)
    {
        var command = new Command("demo", "Run Galen's main job end to end on built-in synthetic data.");
        command.Options.Add(Patients);
        command.Options.Add(Seed);
        command.Options.Add(Epochs);
        command.SetAction(context.Run(async (parse, cancellationToken) =>
        {
            int patients = parse.GetValue(Patients);
            int seed = parse.GetValue(Seed);
            int epochs = parse.GetValue(Epochs);
            if (patients < 100)
            {
                throw new GalenConfigurationException($"--patients must be at least 100 (got {patients}).", "Use a larger cohort so the test split holds both outcomes.");
            }

            if (epochs < 1)
            {
                throw new GalenConfigurationException($"--epochs must be at least 1 (got {epochs}).");
            }

            var torch = TorchRuntime.EnsureLoaded();
            context.Console.MarkupLine($"[bold]Galen demo[/]: {patients} synthetic patients, seed {seed}, libtorch {torch.LibTorchVersion} on {torch.Threads} threads.");

            var cohort = DemoCohort.Generate(patients, seed);
            var (train, test) = cohort.Split(0.75, seed);
            var trainer = new BinaryMlpTrainer(new BinaryMlpOptions { Epochs = epochs, Seed = seed });
            using var model = await ProgressBars.RunAsync(context.Console, "train MLP", progress =>
                Task.Run(() => trainer.Fit(train.Features, DemoCohort.Columns, train.Outcomes, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);

            var predicted = model.PredictProbabilities(test.Features, DemoCohort.Columns);
            double auroc = BinaryRanking.Auroc(test.Outcomes.ToArray(), predicted);
            double bayes = BinaryRanking.Auroc(test.Outcomes.ToArray(), test.TrueRisks.ToArray());

            var table = new Table().Border(TableBorder.Rounded).Title("[bold]test split[/]");
            table.AddColumn("model");
            table.AddColumn(new TableColumn("AUROC").RightAligned());
            table.AddRow("MLP (TorchSharp)", auroc.ToString("F3", CultureInfo.InvariantCulture));
            table.AddRow("best achievable (true risk)", bayes.ToString("F3", CultureInfo.InvariantCulture));
            context.Console.Write(table);
            context.Console.MarkupLine(
                $"{train.Outcomes.Count} training and {test.Outcomes.Count} test patients; outcome prevalence {test.Outcomes.Count(o => o) / (double)test.Outcomes.Count:P1}.");
            return GalenApp.Ok;
        }));
        return command;
    }
}
