using System.Globalization;
using Galen.Cli.Terminal;
using Galen.Data.Ingest;
using Galen.Data.Synthetic;
using Galen.Data.Synthetic.Catalog;
using Galen.Data.Synthetic.Output;
using Galen.Evaluation.Metrics;
using Spectre.Console;

namespace Galen.Cli.Demo;

/// <summary>What <see cref="SyntheticHospitalStage"/> produced, for later stages (ingest, tasks).</summary>
/// <param name="Directory">Folder holding the MIMIC-style tables, ground truth and notes.</param>
/// <param name="Summary">Counts, rates and true risks.</param>
public sealed record SyntheticHospitalResult(string Directory, SyntheticHospitalSummary Summary);

/// <summary>
/// Generates a synthetic hospital (MIMIC-style CSV) into the demo's work folder, prints a cohort
/// summary (counts, outcome rates, prevalence, first-day missingness and the best achievable
/// mortality AUROC), and leaves the extract for <see cref="ClinicalDataStage"/> to ingest.
/// </summary>
public sealed class SyntheticHospitalStage : IDemoStage
{
    /// <summary>The latest valid date for ingesting a synthetic hospital.</summary>
    public static readonly DateTime SyntheticExtractEnd = new(2030, 1, 1);

    public string Title => "synthetic hospital with known ground truth";

    public async Task RunAsync(DemoContext context, CancellationToken cancellationToken)
    {
        var options = new SyntheticHospitalOptions { Patients = context.Options.Patients, Seed = context.Options.Seed };
        string directory = Path.Combine(context.WorkDirectory, "hospital");
        HospitalOutputFolder.Prepare(directory, overwrite: true);
        var summary = await ProgressBars.RunAsync(context.Console, "generate hospital", progress => Task.Run(() =>
        {
            using var writer = new MimicCsvWriter(directory);
            return SyntheticHospital.Generate(options, writer, progress, cancellationToken);
        }, cancellationToken)).ConfigureAwait(false);
        context.Set(new SyntheticHospitalResult(directory, summary));

        // Synthetic records run to 2026 (outpatient labs up to a year after a last discharge), so
        // "future" is judged against 2030 rather than today's date.
        context.Set(new ClinicalExtract(directory, IngestFormat.Mimic, SyntheticExtractEnd));

        static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);
        var cohort = new Table().Border(TableBorder.Rounded).Title("[bold]cohort[/]");
        cohort.AddColumn("measure");
        cohort.AddColumn(new TableColumn("value").RightAligned());
        cohort.AddRow("patients / admissions", $"{summary.Patients:N0} / {summary.Admissions:N0}");
        cohort.AddRow("in-hospital mortality", Percent(summary.InHospitalMortalityRate));
        cohort.AddRow("30-day readmission", Percent(summary.ReadmissionRate));
        cohort.AddRow("mean length of stay (days)", summary.MeanLengthOfStayDays.ToString("F1", CultureInfo.InvariantCulture));
        double bayes = BinaryRanking.Auroc(summary.Deaths.ToArray(), summary.DeathProbabilities.ToArray());
        cohort.AddRow("best achievable mortality AUROC", double.IsNaN(bayes) ? "n/a" : bayes.ToString("F3", CultureInfo.InvariantCulture));

        var prevalence = new Table().Border(TableBorder.Rounded).Title("[bold]prevalence / first-day missingness[/]");
        prevalence.AddColumn("condition");
        prevalence.AddColumn(new TableColumn("patients").RightAligned());
        prevalence.AddColumn("first-24 h result");
        prevalence.AddColumn(new TableColumn("missing").RightAligned());
        var conditions = new[] { ChronicCondition.Hypertension, ChronicCondition.Diabetes, ChronicCondition.HeartFailure, ChronicCondition.Copd, ChronicCondition.ChronicKidneyDisease, ChronicCondition.AtrialFibrillation };
        var analytes = new[] { Analyte.Creatinine, Analyte.WhiteBloodCells, Analyte.Lactate, Analyte.TroponinI, Analyte.Bnp, Analyte.HbA1c };
        for (int i = 0; i < conditions.Length; i++)
        {
            prevalence.AddRow(ConditionCatalog.Get(conditions[i]).Phrase, Percent(summary.Prevalence(conditions[i])),
                AnalyteCatalog.Get(analytes[i]).Label, Percent(summary.MissingFirstDay(analytes[i])));
        }

        context.Console.Write(new Columns(cohort, prevalence));
        context.Console.MarkupLine($"Written to {Markup.Escape(directory)} (MIMIC-style CSV, ground_truth/, notes/annotations.jsonl, knowledge/).");
    }
}
