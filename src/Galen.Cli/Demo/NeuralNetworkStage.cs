using System.Globalization;
using Galen.Cli.Terminal;
using Galen.Core.Learning;
using Galen.Deep.Models;
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
    private static readonly FeatureSpec[] Columns = Enumerable.Range(1, DemoCohort.Columns)
        .Select(i => new FeatureSpec($"risk_factor_{i}", $"risk factor {i}"))
        .ToArray();

    private static readonly LabelSchema Outcome = LabelSchema.Binary("outcome", "the generator's outcome");

    public string Title => "neural network on a cohort with known risks";

    public async Task RunAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var torch = TorchRuntime.EnsureLoaded();
        context.Console.MarkupLine($"{options.Patients} synthetic patients, seed {options.Seed}, libtorch {torch.LibTorchVersion} on {torch.Threads} threads.");

        var cohort = DemoCohort.Generate(options.Patients, options.Seed);
        var (train, test) = cohort.Split(0.75, options.Seed);
        string curve = Path.Combine(context.WorkDirectory, "models", "mlp-training-curve.png");
        var trainer = new MlpTrainer(new MlpOptions
        {
            Hidden = [32, 16],
            Dropout = 0.0,
            Training = new TrainerOptions
            {
                Epochs = options.Epochs,
                BatchSize = 128,
                Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 1e-2, WeightDecay = 1e-4 },
                Seed = options.Seed,
                CurvePlotPath = curve,
            },
        });
        using var model = await ProgressBars.RunAsync(context.Console, "train MLP", progress =>
            Task.Run(() => trainer.Fit(Labelled(train), null, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);

        var predicted = model.Predict(Features(test)).Values.ToArray();
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
        context.Console.MarkupLine($"Training curve: [link]{Markup.Escape(curve)}[/]");
    }

    private static FeatureMatrix Features(DemoCohort cohort) => new(Columns, cohort.Features);

    private static LabelledSet<FeatureMatrix> Labelled(DemoCohort cohort) => new(
        Features(cohort),
        new TargetMatrix(Outcome, cohort.Outcomes.Select(o => o ? 1f : 0f).ToArray()),
        Enumerable.Range(0, cohort.Outcomes.Count)
            .Select(i => new SampleInfo($"demo-{i}", $"demo-{i}", null, new Dictionary<string, string>()))
            .ToArray());
}
