using System.Globalization;
using Galen.Data.Ingest;
using Spectre.Console;

namespace Galen.Cli.Terminal;

/// <summary>Prints an <see cref="IngestReport"/>: files, the quarantine by file, table and reason, and notes. Never prints record values.</summary>
public static class IngestSummary
{
    public static void Write(IAnsiConsole console, IngestReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var files = new Table().Border(TableBorder.Rounded).Title("[bold]files[/]");
        files.AddColumn("file");
        files.AddColumn("table");
        files.AddColumn("outcome");
        files.AddColumn(new TableColumn("records").RightAligned());
        files.AddColumn(new TableColumn("stored").RightAligned());
        files.AddColumn(new TableColumn("quarantined").RightAligned());
        files.AddColumn(new TableColumn("not used").RightAligned());
        foreach (var file in report.Files)
        {
            string outcome = file.Outcome switch
            {
                FileOutcome.Ingested => "[green]ingested[/]",
                FileOutcome.AlreadyIngested => "[grey]already in the store[/]",
                _ => "[yellow]not a table, skipped[/]",
            };
            files.AddRow(Markup.Escape(file.File), Markup.Escape(file.Table), outcome, N(file.Records), N(file.Accepted),
                file.Quarantined > 0 ? $"[yellow]{N(file.Quarantined)}[/]" : "0", N(file.NotUsed));
        }

        console.Write(files);
        if (report.Quarantine.Count > 0)
        {
            var quarantine = new Table().Border(TableBorder.Rounded).Title("[bold]quarantine[/] (rows kept in the store's quarantine table)");
            quarantine.AddColumn("file");
            quarantine.AddColumn("table");
            quarantine.AddColumn("reason");
            quarantine.AddColumn(new TableColumn("count").RightAligned());
            quarantine.AddColumn("first at");
            quarantine.AddColumn("why");
            foreach (var group in report.Quarantine.OrderBy(q => q.File, StringComparer.Ordinal).ThenByDescending(q => q.Count))
            {
                quarantine.AddRow(Markup.Escape(group.File), Markup.Escape(group.Table), Markup.Escape(group.Reason.ToString()), N(group.Count),
                    Markup.Escape(group.FirstLocation), Markup.Escape(group.FirstDetail));
            }

            console.Write(quarantine);
        }

        foreach (var note in report.Notes)
        {
            console.MarkupLine("[yellow]Note:[/] " + Markup.Escape(note));
        }

        double seconds = Math.Max(report.Elapsed.TotalSeconds, 1e-3);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{N(report.Records)} records read, {N(report.Accepted)} stored, {N(report.Quarantined)} quarantined in {seconds:F1} s ({report.Records / seconds:N0} records/s)."));
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
