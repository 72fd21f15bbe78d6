using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Galen.Serve.Bench;
using Galen.Serve.Fhir;
using Galen.Serve.Hosting;
using Galen.Serve.Models;
using Galen.Serve.Registry;
using Galen.Serve.Security;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Serving benchmark: `dotnet run -c Release --project bench/Galen.Serve.Bench -- [seconds] [connections]`.
// Trains a small TorchSharp MLP, serves it on 127.0.0.1 and drives it with Debian's wrk, paced
// with wrk's Lua delay() (wrk 4 has no -R): the authenticated no-op and the prediction at about
// 500 requests/s, then CDS Hooks patient-view with 50 prefetched observations.
int seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
int connections = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
const int TargetRate = 500;
string benchFolder = FindBenchFolder();
string root = Path.Combine(Path.GetTempPath(), "galen-serve-bench-" + Guid.NewGuid().ToString("N"));

var train = Stopwatch.StartNew();
var model = new BenchModel(4000, 42);
Console.WriteLine($"trained the benchmark MLP in {train.Elapsed.TotalSeconds:F1} s");

var registry = ModelRegistry.Open(new RegistryOptions(Path.Combine(root, "registry")));
string provenance = Path.Combine(root, "bench-model.json");
File.WriteAllText(provenance, "{\"trainer\":\"BinaryMlpTrainer\",\"epochs\":10,\"seed\":42,\"patients\":4000}");
var entry = registry.Register(new ModelRegistration("bench", BenchModel.BundleFormat, provenance, "Benchmark MLP", ModelLineage.Of("synthetic:seed42"), "bench"));
registry.Promote(entry.ModelId, entry.Version, "bench");

string key = ApiKeys.Generate();
var options = new ServeOptions
{
    RegistryRoot = registry.Root,
    Port = 0,
    RequestsPerSecond = 1_000_000,
    RequestBurst = 1_000_000,
    MinimumLogLevel = LogLevel.Warning,
    Security = new SecurityOptions { ApiKeys = [new ApiKeyGrant("bench", ApiKeys.Hash(key), GalenRoles.All)] },
};

var startup = Stopwatch.StartNew();
using var host = ServeHost.CreateHostBuilder(options, services =>
{
    services.AddSingleton<IModelLoader>(model);
    services.AddSingleton<IFhirFeatureExtractor, BenchFhirExtractor>();
}).Build();
await host.StartAsync();
string url = ServeHost.AddressOf(host);
using (var http = new HttpClient())
{
    while ((await http.GetAsync(url + "/health/ready")).StatusCode != System.Net.HttpStatusCode.OK)
    {
        await System.Threading.Tasks.Task.Delay(5);
    }
}

double startupMs = startup.Elapsed.TotalMilliseconds;
Console.WriteLine($"service at {url}; host start to ready: {startupMs:F0} ms (model already in memory)");

string cdsBody = Path.Combine(root, "cds.json");
File.WriteAllText(cdsBody, CdsRequest(50));

// Warm up the JIT and connection pools so the measured runs see steady state.
Wrk("noop.lua", 3, 0);
Wrk("predict.lua", 3, 0);
Wrk("cds.lua", 3, 0);

// Closed-loop pacing: each connection waits `delay` after each answer; 1 ms less than the
// nominal interval makes up for the answer time, so the rate lands near the target.
int delay = (int)Math.Round(1000.0 * connections / TargetRate) - 1;
var noop = Wrk("noop.lua", seconds, delay);
var predict = Wrk("predict.lua", seconds, delay);
var cds = Wrk("cds.lua", seconds, 100);

Console.WriteLine();
Console.WriteLine($"| run | requests/s | p50 ms | p90 ms | p99 ms | errors |");
Console.WriteLine($"|---|---:|---:|---:|---:|---:|");
foreach (var (name, r) in new[] { ("authenticated no-op GET /api/whoami", noop), ("tabular prediction POST /api/models/bench/predict", predict), ("CDS Hooks patient-view, 50 prefetched observations", cds) })
{
    Console.WriteLine($"| {name} | {r.Rate:F0} | {r.P50:F2} | {r.P90:F2} | {r.P99:F2} | {r.Errors} |");
}

Console.WriteLine();
Console.WriteLine($"prediction p99 / no-op p99 = {predict.P99 / noop.P99:F2}; startup to ready {startupMs:F0} ms; {connections} connections, delay {delay} ms, {seconds} s per run");
await host.StopAsync();
Directory.Delete(root, recursive: true);
return predict.Errors == 0 && noop.Errors == 0 && cds.Errors == 0 ? 0 : 1;

WrkResult Wrk(string script, int duration, int pause)
{
    var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{duration}s", "--latency", "-s", Path.Combine(benchFolder, script), url })
    {
        start.ArgumentList.Add(arg);
    }

    start.Environment["GALEN_KEY"] = key;
    start.Environment["GALEN_MODEL"] = "bench";
    start.Environment["DELAY_MS"] = pause.ToString(CultureInfo.InvariantCulture);
    start.Environment["CDS_BODY"] = cdsBody;
    using var process = Process.Start(start)!;
    string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (pause > 0)
    {
        Console.WriteLine($"--- wrk {script} ---\n{output}");
    }

    double Percentile(string p) => Milliseconds(Regex.Match(output, $@"^\s+{p}%\s+(\S+)", RegexOptions.Multiline).Groups[1].Value);
    long errors = 0;
    foreach (Match m in Regex.Matches(output, @"Non-2xx or 3xx responses: (\d+)|Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"))
    {
        errors += m.Groups.Cast<System.Text.RegularExpressions.Group>().Skip(1).Where(g => g.Success).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture));
    }

    double rate = double.Parse(Regex.Match(output, @"Requests/sec:\s+(\S+)").Groups[1].Value, CultureInfo.InvariantCulture);
    return new WrkResult(rate, Percentile("50"), Percentile("90"), Percentile("99"), errors);
}

static double Milliseconds(string value)
{
    var m = Regex.Match(value, @"^([\d.]+)(us|ms|s)$");
    double number = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    return m.Groups[2].Value switch { "us" => number / 1000, "ms" => number, _ => number * 1000 };
}

static string FindBenchFolder()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        string candidate = Path.Combine(folder.FullName, "bench", "serve");
        if (File.Exists(Path.Combine(candidate, "predict.lua")))
        {
            return candidate;
        }
    }

    throw new InvalidOperationException("bench/serve/*.lua not found above " + AppContext.BaseDirectory);
}

static string CdsRequest(int observations)
{
    const string patientId = "bench-patient";
    var serializer = new FhirJsonSerializer();
    Bundle SearchSet(IEnumerable<Resource> resources)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        foreach (var r in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"http://ehr.bench/fhir/{r.TypeName}/{r.Id}", Resource = r });
        }

        return bundle;
    }

    var random = new Random(7);
    var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
    var labs = Enumerable.Range(0, observations).Select(i => (Resource)new Observation
    {
        Id = "obs-" + i,
        Status = ObservationStatus.Final,
        Subject = new ResourceReference("Patient/" + patientId),
        Code = new CodeableConcept("http://loinc.org", BenchModel.Loinc[i % BenchModel.Loinc.Length]),
        Effective = new FhirDateTime(start.AddHours(i)),
        Value = new Quantity((decimal)Math.Round((random.NextDouble() * 2) - 1, 3), "1"),
    });
    string Json(Resource r) => serializer.SerializeToString(r);
    return $$$"""
        {"hook":"patient-view","hookInstance":"{{{Guid.NewGuid()}}}","context":{"userId":"Practitioner/bench","patientId":"{{{patientId}}}"},
         "prefetch":{"patient":{{{Json(new Patient { Id = patientId, BirthDate = "1950-01-01" })}}},
                     "encounters":{{{Json(SearchSet([]))}}},"conditions":{{{Json(SearchSet([]))}}},
                     "observations":{{{Json(SearchSet(labs))}}},"medications":{{{Json(SearchSet([]))}}}}}
        """;
}

internal sealed record WrkResult(double Rate, double P50, double P90, double P99, long Errors);
