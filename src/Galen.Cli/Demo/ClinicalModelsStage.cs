using System.Globalization;
using Galen.Cli.Learning;
using Galen.Cli.Serving;
using Galen.Core.Bundles;
using Galen.Data.Store;
using Galen.Data.Tasks;
using Galen.Learn.Configuration;
using Galen.Learn.Trainers;
using Spectre.Console;

namespace Galen.Cli.Demo;

/// <summary>
/// Trains three tabular model families (logistic regression, random forest, LightGBM on ML.NET)
/// and a sequence model (a GRU over the first day's hourly labs and vitals, with the patient's
/// history and treatments as context, on TorchSharp) on the in-hospital mortality and 30-day
/// readmission tasks an earlier stage built, all evaluated on the same held-out patients. Prints
/// each leaderboard with bootstrap intervals and, on the synthetic hospital, the AUROC of the
/// generator's true risks for the same test samples; writes a bundle per model and an HTML report
/// with a model card per task, and offers the best tabular model of each task to <see cref="ServeStage"/>.
/// </summary>
public sealed class ClinicalModelsStage : IDemoStage
{
    /// <summary>The models the demo trains on each task.</summary>
    public static IReadOnlyList<string> Models { get; } = ["logreg", "forest", "lightgbm", "ts-gru"];

    /// <summary>The tasks the demo trains on, with the registry ids their best models are served under.</summary>
    private static readonly (string Task, string ModelId, string Title)[] Targets =
    [
        ("mortality", "in-hospital-mortality", "In-hospital mortality at 24 h"),
        ("readmission", "readmission-30d", "30-day readmission at discharge"),
    ];

    public string Title => "models: tabular and sequence, on the same held-out patients";

    public async Task RunAsync(DemoContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var console = context.Console;
        if (context.Find<ClinicalDataResult>() is not { } clinical)
        {
            console.MarkupLine("[grey]No earlier stage built clinical tasks; nothing to train.[/]");
            return;
        }

        var hospital = context.Find<SyntheticHospitalResult>();
        IReadOnlyDictionary<string, string>? sources = null;
        if (hospital is not null)
        {
            using var store = ClinicalStore.Open(clinical.StorePath);
            sources = VisitSourceKeys.Read(store);
        }

        var truth = hospital is null ? null : SyntheticGroundTruth.Read(hospital.Directory);
        // LightGBM on one thread: its OpenMP workers spin while they wait, which on tables of a few
        // thousand rows costs more than it gains, and on a busy machine far more (a 900-sample
        // mortality task: 10 s on one thread against 64 s on two, measured with other work running).
        var configuration = new TrainingConfiguration { Seed = context.Options.Seed, LightGbm = new LightGbmOptions { Threads = 1 } };
        var sequences = new SequenceTraining { Epochs = context.Options.Epochs };
        string folder = Path.Combine(context.WorkDirectory, "models");
        var servable = new List<ServableModel>();
        foreach (var (task, modelId, title) in Targets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!clinical.Training.TryGetValue(task, out var data))
            {
                continue;
            }

            var risks = truth?.RisksOf(data.Spec, data.Dataset.Samples.Select(s => s.SampleKey).ToArray(), sources!);
            var output = await ClinicalExperiment.RunAsync(console, data, Models, configuration, sequences, risks, folder, cancellationToken).ConfigureAwait(false);
            using (output.Result)
            {
                console.MarkupLine($"Report with model card: [link]{Markup.Escape(output.Report)}[/]");
                // The service scores a patient from tabular features, so the best such model is served.
                var best = output.Result.BestTabular ?? output.Result.Best;
                string bundle = output.Bundles[best.Name];
                var manifest = ModelBundle.ReadManifest(bundle);
                servable.Add(new ServableModel(modelId, "galen-bundle/" + manifest.Family, bundle, $"{title} ({best.Name})", ServingLineage.ForTask(manifest, data.Spec.Create(), data.Features, data.Dataset.Fingerprint)));
            }
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Bundles and training curves in {Markup.Escape(folder)}."));
        context.Set(new ServableModels(servable));
    }
}
