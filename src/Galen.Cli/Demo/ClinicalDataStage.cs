using System.Globalization;
using Galen.Cli.Terminal;
using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Tasks;
using Spectre.Console;

namespace Galen.Cli.Demo;

/// <summary>
/// Ingests the extract an earlier stage produced (a <see cref="ClinicalExtract"/>) into a store
/// in the demo folder, builds the clinical tasks from it, and prints cohort tables: samples,
/// patients, outcome prevalence, and feature missingness.
/// </summary>
public sealed class ClinicalDataStage : IDemoStage
{
    public string Title => "clinical data: ingest, tasks, cohorts";

    /// <summary>The tasks the demo builds, with Galen's defaults.</summary>
    public static IReadOnlyList<IClinicalTask> Tasks() =>
    [
        new InHospitalMortalityTask(48),
        new ReadmissionTask(30),
        new LengthOfStayTask(24, 7),
        new DrugRecommendationTask(3),
        new NextVisitDiagnosisTask(),
        DiseaseProgressionTask.HbA1c(),
    ];

    public async Task RunAsync(DemoContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Find<ClinicalExtract>() is not { } extract)
        {
            context.Console.MarkupLine("[grey]No earlier stage produced an EHR extract; nothing to ingest.[/]");
            return;
        }

        var console = context.Console;
        string database = Path.Combine(context.WorkDirectory, ClinicalStore.DefaultFileName);
        using var store = ClinicalStore.Open(database);
        var options = new IngestOptions { LatestValidTime = extract.LatestValidTime };
        var report = await ProgressBars.RunAsync(console, "ingest", progress =>
            Task.Run(() => store.Ingest(extract.Format, extract.Path, options, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
        IngestSummary.Write(console, report);

        var builder = new TaskBuilder(store, new FeatureOptions(), new TaskCache(database + ".tasks"));
        var datasets = await ProgressBars.RunAsync(console, "tasks", progress =>
            Task.Run(() => builder.Build(Tasks(), progress, cancellationToken), cancellationToken)).ConfigureAwait(false);

        var cohorts = new Table().Border(TableBorder.Rounded).Title("[bold]cohorts[/]");
        cohorts.AddColumn("task");
        cohorts.AddColumn(new TableColumn("samples").RightAligned());
        cohorts.AddColumn(new TableColumn("patients").RightAligned());
        cohorts.AddColumn("outcome");
        cohorts.AddColumn(new TableColumn("features").RightAligned());
        cohorts.AddColumn(new TableColumn("missing").RightAligned());
        foreach (var dataset in datasets)
        {
            var summary = dataset.Summarize();
            cohorts.AddRow(
                Markup.Escape(dataset.Task + (dataset.FromCache ? " (cached)" : string.Empty)),
                N(summary.Samples), N(summary.Patients), Markup.Escape(summary.OutcomeText), N(summary.FeatureColumns),
                summary.MissingFraction.ToString("P0", CultureInfo.InvariantCulture));
        }

        console.Write(cohorts);
        var first = datasets[0].Summarize();
        var missingness = new Table().Border(TableBorder.Rounded).Title($"[bold]missingness[/] ({Markup.Escape(first.Task)}, most missing first)");
        missingness.AddColumn("feature group");
        missingness.AddColumn(new TableColumn("missing").RightAligned());
        foreach (var group in first.Missingness.Take(10))
        {
            missingness.AddRow(Markup.Escape(group.Group), group.MissingFraction.ToString("P1", CultureInfo.InvariantCulture));
        }

        console.Write(missingness);
        console.MarkupLine(Markup.Escape(datasets[0].Definition));
        context.Set(new ClinicalDataResult(database, datasets.ToDictionary(d => d.Task, StringComparer.Ordinal)));
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
