using System.Globalization;
using Galen.Cli.Learning;
using Galen.Cli.Terminal;
using Galen.Data.Ingest;
using Galen.Data.Store;
using Galen.Data.Tasks;
using Spectre.Console;

namespace Galen.Cli.Demo;

/// <summary>
/// Ingests the extract an earlier stage produced (a <see cref="ClinicalExtract"/>) into a store
/// in the demo folder, builds the clinical tasks from it in every shape (tabular, visit
/// sequences, hourly time series), and prints cohort tables: samples, patients, outcome
/// prevalence, and feature missingness.
/// </summary>
public sealed class ClinicalDataStage : IDemoStage
{
    public string Title => "clinical data: ingest, tasks, cohorts";

    /// <summary>The tasks the demo builds (mortality at 24 h, the first day, as the generator defines its risk).</summary>
    public static IReadOnlyList<TaskSpec> Tasks() =>
    [
        new("mortality"),
        new("readmission"),
        new("los"),
        new("drugs"),
        new("next-diagnosis"),
        new("hba1c"),
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

        var built = await ProgressBars.RunAsync(console, "tasks", progress =>
            Task.Run(() => ClinicalTaskSource.Load(store, Tasks(), null, progress, cancellationToken), cancellationToken)).ConfigureAwait(false);
        var datasets = built.Select(b => b.Dataset).ToArray();

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
        context.Set(new ClinicalDataResult(
            database,
            datasets.ToDictionary(d => d.Task, StringComparer.Ordinal),
            built.ToDictionary(b => b.Name, StringComparer.Ordinal)));
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
