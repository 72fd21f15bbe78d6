using Galen.Cli.Demo;
using Galen.Data.Tasks;
using Spectre.Console.Testing;

namespace Galen.Cli.Tests;

public sealed class IngestCommandTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "galen-ingest-test-" + Guid.NewGuid().ToString("N"));

    public IngestCommandTests() => Directory.CreateDirectory(_work);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Ingest_prints_files_and_totals_and_a_second_run_finds_everything_already_stored()
    {
        string db = Path.Combine(_work, "store.duckdb");

        var (code, output) = await CliRun.RunAsync("ingest", "--format", "mimic", Fixture("mimic-tiny"), "--db", db);
        var (again, second) = await CliRun.RunAsync("ingest", "--format", "mimic", Fixture("mimic-tiny"), "--db", db);

        Assert.Equal(GalenApp.Ok, code);
        Assert.Matches(@"LABEVENTS\.csv\s+│\s+LABEVENTS\s+│\s+ingested\s+│\s+12\s+│\s+12\s+│\s+0", output);
        Assert.Contains("52 records read, 52 stored, 0 quarantined", output, StringComparison.Ordinal);
        Assert.Equal(GalenApp.Ok, again);
        Assert.Contains("already in the store", second, StringComparison.Ordinal);
        Assert.Contains("0 records read", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quarantined_rows_are_summarised_by_file_table_and_reason_without_their_values()
    {
        var (code, output) = await CliRun.RunAsync("ingest", "--format", "mimic", Fixture("mimic-bad"), "--db", Path.Combine(_work, "bad.duckdb"));

        Assert.Equal(GalenApp.Ok, code);
        Assert.Matches(@"PATIENTS\.csv\s+│\s+person\s+│\s+DeathBeforeBirth\s+│\s+1\s+│\s+line 3 field 'DOD'", output);
        Assert.Matches(@"LABEVENTS\.csv\s+│\s+measurement\s+│\s+UnknownVisit", output);
        Assert.Contains("README.txt", output, StringComparison.Ordinal);
        Assert.DoesNotContain("1969-01-01", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-date", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_format_or_a_missing_path_is_a_user_error()
    {
        var (code, output) = await CliRun.RunAsync("ingest", "--format", "hl7v2", Fixture("mimic-tiny"), "--db", Path.Combine(_work, "x.duckdb"));
        var (missing, message) = await CliRun.RunAsync("ingest", "--format", "omop", Path.Combine(_work, "nowhere"), "--db", Path.Combine(_work, "y.duckdb"));

        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("--format must be mimic, omop or fhir", output, StringComparison.Ordinal);
        Assert.Equal(GalenApp.UserError, missing);
        Assert.Contains("nowhere: does not exist.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_stage_ingests_an_extract_and_prints_cohort_tables()
    {
        var console = new TestConsole().Width(200);
        var context = new DemoContext(console, new DemoOptions(100, 1, 1), _work);
        context.Set(new ClinicalExtract(Fixture("mimic-tiny")));

        await new ClinicalDataStage().RunAsync(context, CancellationToken.None);

        var result = context.Get<ClinicalDataResult>();
        Assert.Equal(ClinicalDataStage.Tasks().Count, result.Tasks.Count);
        // The demo predicts mortality after the first 24 hours: every admission of the fixture that
        // lasted longer (all six; 201 lasted 30 h) is a sample, and one of them (103) ended in death.
        Assert.Equal(6, result.Tasks["in_hospital_mortality"].Count);
        Assert.Matches(@"in_hospital_mortality\s+│\s+6\s+│\s+3\s+│\s+16\.7 % died", console.Output);
        Assert.Contains("missingness", console.Output, StringComparison.Ordinal);

        var again = new DemoContext(new TestConsole().Width(200), new DemoOptions(100, 1, 1), _work);
        again.Set(new ClinicalExtract(Fixture("mimic-tiny")));
        await new ClinicalDataStage().RunAsync(again, CancellationToken.None);
        Assert.All(again.Get<ClinicalDataResult>().Tasks.Values, (TaskDataset d) => Assert.True(d.FromCache));
    }
}
