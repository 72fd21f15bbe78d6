using System.Text.RegularExpressions;

namespace Galen.Cli.Tests.Learning;

/// <summary><c>galen demo</c> runs the main job end to end on a small synthetic hospital.</summary>
[Collection(TrainingCollection.Name)]
public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_goes_from_a_synthetic_hospital_to_leaderboards_with_the_best_achievable_auroc_and_reports()
    {
        string work = Path.Combine(Path.GetTempPath(), "galen-demo-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output) = await CliRun.RunAsync("demo", "--patients", "800", "--epochs", "2", "--seed", "5", "--out", work);

            Assert.True(code == GalenApp.Ok, output);
            Assert.Contains("Written to", output, StringComparison.Ordinal); // the hospital
            Assert.Matches(@"mortality\s+│\s+[\d,]+\s+│\s+[\d,]+", output); // cohort table
            foreach (string task in new[] { "mortality", "readmission" })
            {
                foreach (string model in new[] { "logreg", "forest", "lightgbm", "ts-gru" })
                {
                    Assert.Matches(new Regex(Regex.Escape(model) + @"\s+│\s+(tabular|time-series)\s+│\s+0\.\d{3} \[0\.\d{3}, 0\.\d{3}\]"), output);
                }

                Assert.Matches(new Regex(task + @": best tabular model \S+ AUROC 0\.\d{3}; best achievable \(true risks, same test samples\) 0\.\d{3}"), output);
                Assert.True(File.Exists(Path.Combine(work, "models", task + "-report.html")), task);
                Assert.True(File.Exists(Path.Combine(work, "models", task + "-ts-gru.galen")), task);
            }

            Assert.Matches(@"true risk \(best achievable\)\s+│\s+–\s+│\s+0\.\d{3}", output);
            Assert.Contains("Report with model card:", output, StringComparison.Ordinal);
            Assert.DoesNotContain("MLP (TorchSharp)", output, StringComparison.Ordinal); // no toy cohort in the main job
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }
}
