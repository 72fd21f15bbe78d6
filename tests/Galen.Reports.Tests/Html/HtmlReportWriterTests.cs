using System.Text.RegularExpressions;
using Galen.Core.Bundles;
using Galen.Core.Learning;
using Galen.Evaluation.Importance;
using Galen.Evaluation.Resampling;
using Galen.Evaluation.Summaries;
using Galen.Reports.Html;

namespace Galen.Reports.Tests.Html;

public sealed class HtmlReportWriterTests
{
    private static ModelEvaluation Evaluation(string name, double noise, int seed)
    {
        var random = new Random(seed);
        const int N = 800;
        var targets = new float[N];
        var scores = new double[N];
        var samples = new SampleInfo[N];
        for (int i = 0; i < N; i++)
        {
            double risk = 1 / (1 + Math.Exp(-((random.NextDouble() * 5) - 3)));
            targets[i] = random.NextDouble() < risk ? 1 : 0;
            scores[i] = Math.Clamp(risk + ((random.NextDouble() - 0.5) * noise), 0.001, 0.999);
            samples[i] = new SampleInfo("p" + i, "s" + i, null, new Dictionary<string, string> { ["sex"] = i % 2 == 0 ? "F" : "M", ["age_band"] = i % 3 == 0 ? "65+" : "18-64" });
        }

        var schema = LabelSchema.Binary("death", "death before discharge");
        var evaluation = Evaluator.Evaluate(name, name + " model", "5-fold cross-validation grouped by patient", new TargetMatrix(schema, targets), new Predictions(schema, scores), samples, Enumerable.Range(0, N).Select(i => i % 5).ToArray(), new EvaluationOptions(new BootstrapOptions(Resamples: 50)));
        return evaluation with
        {
            Importance = [new FeatureImportance(new FeatureSpec("lactate", "last lactate", FeatureKind.Numeric, "mmol/L"), "AUROC", 0.08, 0.01), new FeatureImportance(new FeatureSpec("age", "age"), "AUROC", 0.03, 0.005)],
            TrainingSeconds = 1.5,
        };
    }

    private static ReportDocument Document() => new()
    {
        Title = "Mortality <models>",
        Dataset = "mortality",
        Models = [Evaluation("lightgbm", 0.2, 1), Evaluation("logreg", 0.4, 2)],
        Card = new ModelCardFacts(DataSource: "synthetic hospital", IntendedUse: "flag patients for review", Limitations: "synthetic data"),
        RejectedRows = 3,
        Explanations = [new PatientExplanation("visit-7", 0.81, ["last lactate 4.2 mmol/L raises the predicted risk"])],
    };

    [Fact]
    public void The_report_embeds_every_plot_as_a_decodable_png()
    {
        string html = HtmlReportWriter.Render(Document());

        foreach (string id in HtmlReportWriter.PlotIds)
        {
            var match = Regex.Match(html, $"<img id=\"{id}\"[^>]*src=\"data:image/png;base64,([^\"]+)\"");
            Assert.True(match.Success, id);
            var png = Convert.FromBase64String(match.Groups[1].Value);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            Assert.True(png.Length > 10_000, $"{id} is only {png.Length} bytes");
        }

        // Self-contained: no external resources.
        Assert.DoesNotMatch("(src|href)=\"(http|/|\\.\\./)", html);
    }

    [Fact]
    public void The_model_card_covers_the_tripod_ai_items_and_says_what_is_not_stated()
    {
        string html = HtmlReportWriter.Render(Document());

        foreach (string item in new[] { "Data source", "Data dates", "Cohort (eligibility)", "Outcome definition", "Predictors", "Missing data", "Sample size", "Performance", "Calibration", "Subgroups", "Intended use", "Limitations" })
        {
            Assert.Contains($"<th>{item}</th>", html, StringComparison.Ordinal);
        }

        Assert.Contains("not stated", html, StringComparison.Ordinal);
        Assert.Contains("3 source rows set aside", html, StringComparison.Ordinal);
        Assert.Matches(@"AUROC 0\.\d{3} \(95% CI 0\.\d{3}–0\.\d{3}\)", html);
        Assert.Contains("flag patients for review", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_leaderboard_lists_models_best_first_with_intervals_and_text_is_escaped()
    {
        string html = HtmlReportWriter.Render(Document());

        Assert.True(html.IndexOf("<b>lightgbm</b>", StringComparison.Ordinal) < html.IndexOf("<b>logreg</b>", StringComparison.Ordinal));
        Assert.Matches(@"<td>0\.\d{3} <span class=""ci"">\[0\.\d{3}, 0\.\d{3}\]</span></td>", html);
        Assert.Contains("Mortality &lt;models&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Largest gap", html, StringComparison.Ordinal);
        Assert.Contains("last lactate 4.2 mmol/L raises the predicted risk", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_creates_the_folder_and_one_file()
    {
        string folder = Path.Combine(Path.GetTempPath(), "galen-report-" + Guid.NewGuid().ToString("N"));
        string path = Path.Combine(folder, "nested", "report.html");
        try
        {
            HtmlReportWriter.Write(Document(), path);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
