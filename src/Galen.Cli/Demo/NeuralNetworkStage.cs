using System.Globalization;
using Galen.Cli.Terminal;
using Galen.Deep.Runtime;
using Galen.Deep.Training;
using Galen.Evaluation.Metrics;
using Spectre.Console;

namespace Galen.Cli.Demo;

/// <summary>
/// Trains a TorchSharp network on a cohort drawn from a known risk model and reports its test
/// AUROC next to the AUROC of the true risks (the best any model could do).
/// </summary>
public sealed class NeuralNetworkStage : IDemoStage
{
    public string Title => "neural network on a cohort with known risks";

    public async Task RunAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var torch = TorchRuntime.EnsureLoaded();
        context.Console.MarkupLine($"{options.Patients} synthetic patients, seed {options.Seed}, libtorch {torch.LibTorchVersion} on {torch.Threads} threads.");

        var cohort = DemoCohort.Generate(options.Patients, options.Seed);
        var (train, test) = cohort.Split(0.75, options.Seed);
        var trainer = new BinaryMlpTrainer(new BinaryMlpOptions { Epochs = options.Epochs, Seed = options.Seed });
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
    }
}
