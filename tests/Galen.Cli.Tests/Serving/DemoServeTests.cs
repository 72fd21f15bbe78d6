using System.Text.RegularExpressions;
using Galen.Cli.Demo;
using Galen.Cli.Serving;
using Galen.Core.Bundles;
using Galen.Core.Errors;
using Galen.Data.Scoring;
using Galen.Serve.Hosting;
using Spectre.Console;

namespace Galen.Cli.Tests.Serving;

[Collection(ServingCollection.Name)]
public sealed partial class DemoServeTests(ServingHospital hospital) : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "galen-demo-serve-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_serve_registers_the_models_prints_a_request_that_works_with_the_printed_key_and_stops_on_cancellation()
    {
        Directory.CreateDirectory(_work);
        // The service writes to the console from its own thread while the test polls it, so the
        // console writes through a synchronized writer and the test reads under the same lock.
        var buffer = new StringWriter();
        var writer = TextWriter.Synchronized(buffer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 1000;
        string Output()
        {
            lock (writer)
            {
                return buffer.ToString();
            }
        }

        var context = new DemoContext(console, new DemoOptions(200, 1, 1, Serve: true), _work);
        var manifest = ModelBundle.ReadManifest(hospital.MortalityBundle);
        context.Set(new ServableModels([new ServableModel(ServingHospital.MortalityId, ServedBundleFormats.Tabular, hospital.MortalityBundle, "In-hospital mortality",
            ServingLineage.ForTask(manifest, ClinicalTasks.Create("in_hospital_mortality", "observation_hours=48"), ServingHospital.Features, hospital.Fingerprint))]));
        context.Set(new ClinicalDataResult(hospital.StorePath, new Dictionary<string, Galen.Data.Tasks.TaskDataset>(), new Dictionary<string, Galen.Cli.Learning.TaskTrainingData>()));
        using var stop = new CancellationTokenSource();

        var serving = new ServeStage(port: 0).RunAsync(context, stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Output().Contains("Press Ctrl+C", StringComparison.Ordinal) && !serving.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        string output = Output();
        var key = ApiKey().Match(output).Groups[1].Value;
        var patientRequest = PatientCurl().Match(output);
        Assert.True(patientRequest.Success, output);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var risk = await http.GetAsync(patientRequest.Groups[1].Value);
        var noKey = await new HttpClient().GetAsync(patientRequest.Groups[1].Value);
        await stop.CancelAsync();
        await serving;

        Assert.Contains($"Registered and promoted {ServingHospital.MortalityId}@1", output, StringComparison.Ordinal);
        Assert.Matches(@"Galen is serving at http://127\.0\.0\.1:\d+", output);
        Assert.Equal(System.Net.HttpStatusCode.OK, risk.StatusCode);
        Assert.Contains("\"probability\":", await risk.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Contains("Stopped.", Output(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_work, "registry", "audit", "audit.jsonl")));
    }

    [Fact]
    public void Without_offered_models_the_stage_serves_the_best_bundle_of_each_data_set_in_the_models_folder()
    {
        var models = Path.Combine(_work, "models");
        Directory.CreateDirectory(models);
        File.Copy(hospital.MortalityBundle, Path.Combine(models, "in_hospital_mortality-logreg.galen"));
        File.Copy(hospital.ReadmissionBundle, Path.Combine(models, "readmission-lightgbm.galen"));

        var servable = ServeStage.FromBundles(models);

        Assert.Equal([ServingHospital.MortalityId, ServingHospital.ReadmissionId], servable.Select(m => m.ModelId));
        Assert.All(servable, m => Assert.Equal(ServedBundleFormats.Tabular, m.Format));
        Assert.Equal("in_hospital_mortality", servable[0].Lineage.TaskParameters[ServingLineage.Task]);
        Assert.Empty(ServeStage.FromBundles(Path.Combine(_work, "nothing-here")));
    }

    [Fact]
    public void Serving_with_a_store_that_does_not_exist_is_a_configuration_error_not_an_empty_store()
    {
        string missing = Path.Combine(_work, "typo.duckdb");
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();

        var error = Assert.Throws<GalenConfigurationException>(() => ServeAdapters.Install(services, new ServeOptions { RegistryRoot = _work }, missing));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [GeneratedRegex(@"GALEN_KEY=(glk_[A-Za-z0-9_\-]+)")]
    private static partial Regex ApiKey();

    [GeneratedRegex(@"patient\s+curl -s -H ""X-Api-Key: \$GALEN_KEY"" '([^']+)'")]
    private static partial Regex PatientCurl();
}
