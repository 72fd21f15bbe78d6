using System.Globalization;
using System.Text;
using Galen.Learn.Datasets;

namespace Galen.Cli.Tests;

/// <summary>galen train / evaluate / report on a CSV, end to end.</summary>
public sealed class LearningCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "galen-learning-cli-" + Guid.NewGuid().ToString("N"));

    public LearningCommandTests() => Directory.CreateDirectory(_folder);

    /// <summary>The WDBC data as a CSV with a patient column, a sex column, and one row without a label.</summary>
    private string WriteCsv(int rows)
    {
        var data = BuiltInDatasets.BreastCancer().Data;
        var csv = new StringBuilder("patient,sex," + string.Join(',', data.Inputs.Features.Select(f => f.Name)) + ",diagnosis\n");
        for (int i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"P{i},{(i % 3 == 0 ? "M" : "F")},");
            for (int j = 0; j < data.Inputs.Columns; j++)
            {
                csv.Append(data.Inputs[i, j].ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }

            csv.Append(i == 5 ? string.Empty : data.Targets.Row(i)[0] == 1 ? "malignant" : "benign").Append('\n');
        }

        string path = Path.Combine(_folder, "wdbc.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    [Fact]
    public async Task Train_writes_bundles_and_a_report_then_evaluate_and_report_read_the_bundles()
    {
        string csv = WriteCsv(569);
        string output = Path.Combine(_folder, "out");

        var (code, text) = await CliRun.RunAsync("train", "--data", csv, "--label", "diagnosis", "--group", "patient", "--positive", "malignant", "--model", "logreg,forest", "--folds", "3", "--out", output);

        Assert.True(code == GalenApp.Ok, text);
        Assert.Contains("1 rows set aside (first at line 7", text, StringComparison.Ordinal);
        Assert.Matches(@"logreg\s+│\s+0\.99\d \[0\.9\d\d,", text);
        string logreg = Path.Combine(output, "wdbc-logreg.galen");
        string forest = Path.Combine(output, "wdbc-forest.galen");
        Assert.True(File.Exists(logreg) && File.Exists(forest));
        string report = File.ReadAllText(Path.Combine(output, "wdbc-report.html"));
        Assert.Contains("id=\"plot-roc\"", report, StringComparison.Ordinal);
        Assert.Contains("<th>Intended use</th>", report, StringComparison.Ordinal);

        (code, text) = await CliRun.RunAsync("evaluate", "--bundle", logreg, "--data", csv, "--group", "patient", "--bootstrap", "100");
        Assert.True(code == GalenApp.Ok, text);
        Assert.True(File.Exists(Path.ChangeExtension(logreg, ".evaluation.html")));

        string combined = Path.Combine(_folder, "combined.html");
        (code, text) = await CliRun.RunAsync("report", "--bundle", forest, "--bundle", logreg, "--out", combined);
        Assert.True(code == GalenApp.Ok, text);
        string html = File.ReadAllText(combined);
        Assert.True(html.IndexOf("<b>logreg</b>", StringComparison.Ordinal) < html.IndexOf("<b>forest</b>", StringComparison.Ordinal), "best model first");
    }

    [Fact]
    public async Task A_missing_label_column_is_a_user_error_naming_the_file_and_the_columns()
    {
        string csv = WriteCsv(20);
        var (code, text) = await CliRun.RunAsync("train", "--data", csv, "--label", "outcome", "--out", Path.Combine(_folder, "x"));

        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("wdbc.csv:1 field 'outcome': There is no column 'outcome'", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_and_a_broken_bundle_are_user_errors()
    {
        string csv = WriteCsv(20);
        var (code, text) = await CliRun.RunAsync("train", "--data", csv, "--label", "diagnosis", "--model", "xgboost");
        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("Unknown model 'xgboost'", text, StringComparison.Ordinal);

        string bundle = Path.Combine(_folder, "broken.galen");
        File.WriteAllText(bundle, "not a zip");
        (code, text) = await CliRun.RunAsync("evaluate", "--bundle", bundle, "--data", csv);
        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("broken.galen: Cannot read model bundle: it is not a zip file", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_learning_commands()
    {
        var (code, text) = await CliRun.RunAsync("--help");
        Assert.Equal(GalenApp.Ok, code);
        Assert.Matches(@"train\s+Train and compare models", text);
        Assert.Matches(@"evaluate\s+Evaluate a saved model bundle", text);
        Assert.Matches(@"report\s+Write the HTML report", text);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
