using System.Globalization;
using System.Text.RegularExpressions;
using Galen.Cli.Learning;
using Galen.Cli.Serving;
using Galen.Core.Learning;
using Galen.Data.Store;
using Galen.Data.Tasks;
using Galen.Deep.Models;
using Galen.Evaluation.Metrics;
using Galen.Learn.Configuration;
using Galen.Serve.Registry;

namespace Galen.Cli.Tests.Learning;

/// <summary>
/// The pipeline on a small synthetic hospital: task → tabular models and a network → evaluation
/// on the same test patients, next to the AUROC of the generator's true risks; bundles of both
/// families; train / evaluate / report from the command line.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed partial class ClinicalPipelineTests(SyntheticStoreFixture fixture) : IDisposable
{
    private readonly string _output = Path.Combine(fixture.Folder, "out-" + Guid.NewGuid().ToString("N"));

    private static readonly SequenceTraining FewEpochs = new() { Epochs = 6, Threads = 1 };

    private TaskTrainingData Mortality(ClinicalStore store) => ClinicalTaskSource.Load(store, [new TaskSpec("mortality")], null, null, default, cache: false)[0];

    private IReadOnlyDictionary<string, double> TrueRisks(ClinicalStore store, TaskTrainingData data) =>
        SyntheticGroundTruth.Read(fixture.Hospital).RisksOf(data.Spec, data.Dataset.Samples.Select(s => s.SampleKey).ToArray(), VisitSourceKeys.Read(store))!;

    [Fact]
    public void Tabular_models_and_a_network_rank_test_patients_sanely_and_not_far_from_the_true_risks()
    {
        using var store = ClinicalStore.Open(fixture.Store);
        var data = Mortality(store);

        using var result = TaskExperiment.Run(data, ["logreg", "lightgbm", "ts-gru"], new TrainingConfiguration { Seed = 3, BootstrapResamples = 200, ImportanceRepeats = 1 }, FewEpochs, TrueRisks(store, data));

        // About 2,400 admissions, 20 % of patients in the test part: AUROCs carry ±0.05 of noise at
        // this size, so these bounds check that the pipeline is sound, not the 0.02 quality target
        // (that needs 20,000+ patients: bench/Galen.Bench -- quality).
        double bayes = result.BestAchievable!.Metric(MetricNames.Auroc)!.Value;
        Assert.InRange(bayes, 0.80, 0.93);
        foreach (var model in result.Models)
        {
            double auroc = model.Evaluation.Metric(MetricNames.Auroc)!.Value;
            Assert.True(auroc > 0.72 && auroc > bayes - 0.12 && auroc < bayes + 0.04, $"{model.Name}: AUROC {auroc:F3}, true risks {bayes:F3}");
        }

        Assert.Equal(result.Split.Test.Count, result.BestAchievable.Samples);
        Assert.All(result.Models, m => Assert.Equal(result.Split.Test.Count, m.Evaluation.Samples));
        Assert.Equal(TaskExperiment.SeriesInputs, Assert.Single(result.Models, m => m.Name == "ts-gru").Inputs);
        Assert.NotNull(result.Models.First(m => m.Model is IModel<FeatureMatrix>).Evaluation.Importance);
    }

    [Fact]
    public void Every_model_family_saved_in_a_bundle_reloads_with_identical_predictions_and_the_service_loads_it()
    {
        using var store = ClinicalStore.Open(fixture.Store);
        var data = Mortality(store);
        using var result = TaskExperiment.Run(data, ["logreg", "ts-gru", "retain", "mlp"], new TrainingConfiguration { BootstrapResamples = 50, ImportanceRepeats = 0 }, FewEpochs with { Epochs = 2 });
        Directory.CreateDirectory(_output);

        foreach (var model in result.Models)
        {
            string path = Path.Combine(_output, model.Name + ".galen");
            ModelBundles.Save(path, model, result);
            var loaded = ModelBundles.Load(path);
            try
            {
                var again = ModelBundles.Predict(loaded, data.Dataset).Values.ToArray();
                var before = ModelBundles.Predict(new Core.Bundles.LoadedBundle(path, loaded.Manifest, model.Model, loaded.Attachments), data.Dataset).Values.ToArray();
                Assert.Equal(before, again);
                Assert.Equal(data.Spec, ModelBundles.TaskOf(loaded.Manifest));
                Assert.Equal(data.Features.DrugCodes, ModelBundles.FeaturesOf(loaded.Manifest)!.DrugCodes);
                Assert.Equal(model.Model is IDeepModel ? "deep" : "tabular", loaded.Manifest.Family);
                ServiceLoads(path, model, data);
            }
            finally
            {
                (loaded.Model as IDisposable)?.Dispose();
            }
        }
    }

    /// <summary>The service's loader for the bundle's format serves a model of tabular features with its predictions, and a sequence network as a model of patient records.</summary>
    private static void ServiceLoads(string path, ExperimentModel model, TaskTrainingData data)
    {
        string format = model.Model is IDeepModel ? ServedBundleFormats.Deep : ServedBundleFormats.Tabular;
        var loader = Assert.Single(ServedBundleFormats.Loaders(), l => l.Format == format);
        var entry = new RegistryEntry(model.Name, 1, ModelStage.Production, format, path, string.Empty, 0, model.Name,
            new ModelLineage("test", new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, double>()), "test", DateTimeOffset.UtcNow);
        if (model.Inputs != TaskExperiment.TabularInputs)
        {
            // Served as a network of patient records: scored by patient, FHIR or CDS Hooks, never from a feature row.
            using var network = Assert.IsType<SequenceServedModel>(loader.Load(entry, default));
            var refused = Assert.Throws<Core.Errors.GalenInputException>(() => network.Predict(data.Dataset.Tabular.Inputs.Select([0]), 0));
            Assert.Contains("not a row of feature values", refused.Message, StringComparison.Ordinal);
            return;
        }

        var served = loader.Load(entry, default);
        var rows = data.Dataset.Tabular.Inputs.Select([0, 1, 2]);
        var expected = ((IModel<FeatureMatrix>)model.Model).Predict(rows).Values.ToArray();
        var probabilities = served.Predict(rows, 0).Select(p => p.Probability).ToArray();
        Assert.Equal(expected.Length, probabilities.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], probabilities[i], 6);
        }
    }

    [Fact]
    public async Task Train_on_a_task_then_evaluate_and_report_read_tabular_and_deep_bundles()
    {
        var (code, text) = await CliRun.RunAsync("train", "--task", "mortality", "--db", fixture.Store, "--model", "logreg,ts-gru", "--epochs", "2",
            "--ground-truth", fixture.Hospital, "--out", _output);

        Assert.True(code == GalenApp.Ok, text);
        Assert.Matches(@"ts-gru\s+│\s+time-series\s+│\s+0\.\d{3} \[0\.\d{3}, 0\.\d{3}\]", text);
        Assert.Matches(@"true risk \(best achievable\)", text);
        Assert.Matches(@"best sequence model ts-gru AUROC 0\.\d{3}; best achievable \(true risks, same test samples\) 0\.\d{3}; gap -?0\.\d{3}", text);
        string deep = Path.Combine(_output, "mortality-ts-gru.galen");
        string tabular = Path.Combine(_output, "mortality-logreg.galen");
        Assert.True(File.Exists(deep) && File.Exists(tabular));
        string html = await File.ReadAllTextAsync(Path.Combine(_output, "mortality-report.html"));
        Assert.Contains("true risk (best achievable)", html, StringComparison.Ordinal);
        Assert.Contains("<th>Outcome definition</th><td>One sample per inpatient visit", html, StringComparison.Ordinal);

        (code, text) = await CliRun.RunAsync("evaluate", "--bundle", deep, "--db", fixture.Store, "--ground-truth", fixture.Hospital, "--bootstrap", "100");
        Assert.True(code == GalenApp.Ok, text);
        Assert.Contains("only its test patients are scored", text, StringComparison.Ordinal);
        double trained = Auroc(await File.ReadAllTextAsync(Path.Combine(_output, "mortality-report.html")), "ts-gru");
        double again = Auroc(await File.ReadAllTextAsync(Path.ChangeExtension(deep, ".evaluation.html")), "ts-gru");
        Assert.Equal(trained, again, 3); // the same model on the same test patients

        string combined = Path.Combine(_output, "combined.html");
        (code, text) = await CliRun.RunAsync("report", "--bundle", tabular, "--bundle", deep, "--out", combined);
        Assert.True(code == GalenApp.Ok, text);
        html = await File.ReadAllTextAsync(combined);
        Assert.Contains("<b>ts-gru</b>", html, StringComparison.Ordinal);
        Assert.Contains("<b>logreg</b>", html, StringComparison.Ordinal);
        Assert.Contains("true risk (best achievable)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_task_options_are_user_errors_that_say_what_to_do()
    {
        var (code, text) = await CliRun.RunAsync("train", "--task", "mortalty", "--db", fixture.Store);
        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("There is no task named 'mortalty'", text, StringComparison.Ordinal);
        Assert.Contains("readmission", text, StringComparison.Ordinal);

        (code, text) = await CliRun.RunAsync("train", "--task", "mortality", "--db", Path.Combine(fixture.Folder, "missing.duckdb"));
        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("galen ingest", text, StringComparison.Ordinal);

        string csv = Path.Combine(fixture.Folder, "tiny.csv");
        await File.WriteAllTextAsync(csv, "a,y\n1,0\n2,1\n");
        (code, text) = await CliRun.RunAsync("train", "--data", csv, "--label", "y", "--model", "gru");
        Assert.Equal(GalenApp.UserError, code);
        Assert.Contains("trains on a clinical task", text, StringComparison.Ordinal);
    }

    /// <summary>The AUROC shown in a report's leaderboard row for the model.</summary>
    private static double Auroc(string html, string model)
    {
        var match = Regex.Match(html, "<b>" + Regex.Escape(model) + @"</b></td><td>(0\.\d+)");
        Assert.True(match.Success, "no leaderboard row for " + model);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }
}
