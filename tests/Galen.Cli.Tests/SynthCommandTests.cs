namespace Galen.Cli.Tests;

public sealed class SynthCommandTests
{
    [Fact]
    public async Task Synth_writes_a_hospital_and_prints_its_cohort_and_files()
    {
        string work = Path.Combine(Path.GetTempPath(), "galen-synth-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output) = await CliRun.RunAsync("synth", "--patients", "40", "--seed", "4", "--format", "omop", "--out", work);

            Assert.Equal(GalenApp.Ok, code);
            Assert.Matches(@"admissions\s+│\s+\d+", output);
            Assert.Matches(@"best achievable mortality AUROC\s+│\s+0\.\d{3}", output);
            Assert.Contains("person.csv", output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(work, "manifest.json")));
            Assert.True(File.Exists(Path.Combine(work, "ground_truth", "admissions.csv")));

            var (again, message) = await CliRun.RunAsync("synth", "--patients", "40", "--out", work);
            Assert.Equal(GalenApp.UserError, again);
            Assert.Contains("--overwrite", message, StringComparison.Ordinal);

            var (replaced, _) = await CliRun.RunAsync("synth", "--patients", "20", "--format", "mimic", "--out", work, "--overwrite");
            Assert.Equal(GalenApp.Ok, replaced);
            Assert.False(File.Exists(Path.Combine(work, "person.csv")));
            Assert.True(File.Exists(Path.Combine(work, "ADMISSIONS.csv")));
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("--format", "hl7v2", "--format must be mimic, omop or fhir (got 'hl7v2')")]
    [InlineData("--patients", "0", "The number of patients must be at least 1 (got 0)")]
    [InlineData("--fhir-layout", "xml", "--fhir-layout must be ndjson or bundles (got 'xml')")]
    public async Task Bad_options_are_user_errors_with_a_clear_message(string option, string value, string message)
    {
        var (code, output) = await CliRun.RunAsync("synth", option, value, "--out", Path.Combine(Path.GetTempPath(), "galen-synth-never-" + Guid.NewGuid().ToString("N")));

        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }
}
