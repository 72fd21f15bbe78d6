using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Galen.Serve.Bench;
using Galen.Serve.Fhir;
using Galen.Serve.Security;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

// Serving benchmark: `dotnet run -c Release --project bench/Galen.Serve.Bench -- [seconds] [connections] [patients]`,
// or `… -- cds-profile [patients] [iterations]` for the CDS Hooks stage breakdown in-process (CdsProfile).
// Trains the demo's models (logistic regression on in-hospital mortality, LightGBM on 30-day
// readmission) on a seeded synthetic hospital, registers them, then starts `galen serve` as a
// child process and measures (1) process start to /health/ready 200 with both models loaded,
// (2) with Debian's wrk, paced with Lua delay() (wrk 4 has no -R): the authenticated no-op and a
// tabular prediction with 3 reasons at about 500 requests/s, and CDS Hooks patient-view with 50
// prefetched observations. The service process's CPU time per request is read from /proc, a
// number that does not depend on how busy the rest of the machine is.
if (args.Length > 0 && args[0] == "cds-profile")
{
    int profilePatients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
    int iterations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300;
    string profileRoot = Path.Combine(Path.GetTempPath(), "galen-serve-profile-" + Guid.NewGuid().ToString("N"));
    var profiled = new BenchHospital(profileRoot, profilePatients, 42);
    string request = CdsRequest(profiled, 50);
    await CdsProfile.RunAsync(profiled, BenchHospital.MortalityId, request, iterations);
    await CdsProfile.RunAsync(profiled, BenchHospital.SeriesId, request, iterations);
    Directory.Delete(profileRoot, recursive: true);
    return 0;
}

int seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
int connections = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
int patients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000;
const int TargetRate = 500;
const int Seed = 42;
string benchFolder = FindBenchFolder();
string root = Path.Combine(Path.GetTempPath(), "galen-serve-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(root);

var hospital = new BenchHospital(root, patients, Seed);
string key = ApiKeys.Generate();
string config = Path.Combine(root, "serve.json");
File.WriteAllText(config, JsonSerializer.Serialize(new
{
    apiKeys = new[] { new { name = "bench", keySha256 = ApiKeys.Hash(key), roles = GalenRoles.All } },
    requestsPerSecond = 1_000_000,
    requestBurst = 1_000_000,
}));
string predictBody = Path.Combine(root, "predict.json");
File.WriteAllText(predictBody, hospital.PredictBody());
string cdsBody = Path.Combine(root, "cds.json");
File.WriteAllText(cdsBody, CdsRequest(hospital, 50));

// Startup: `galen serve` process start → /health/ready 200 (both models loaded and warmed up).
var startups = new List<double>();
Process? service = null;
string url = string.Empty;
for (int attempt = 0; attempt < 3; attempt++)
{
    if (service is not null)
    {
        Stop(service);
    }

    int port = FreePort();
    url = $"http://127.0.0.1:{port}";
    var clock = Stopwatch.StartNew();
    service = StartService(port);
    await WaitReadyAsync(url, service);
    startups.Add(clock.Elapsed.TotalMilliseconds);
    Console.WriteLine($"galen serve process start to ready: {clock.Elapsed.TotalMilliseconds:F0} ms");
}

// Warm up the JIT and connection pools so the measured runs see steady state.
Wrk("noop.lua", 3, 0);
Wrk("predict.lua", 3, 0);
Wrk("cds.lua", 3, 0);

// Closed-loop pacing: each connection waits `delay` after each answer; 1 ms less than the
// nominal interval makes up for the answer time, so the rate lands near the target.
int delay = (int)Math.Round(1000.0 * connections / TargetRate) - 1;
var noop = Wrk("noop.lua", seconds, delay);
var predict = Wrk("predict.lua", seconds, delay);
var predictRandom = Wrk("predict.lua", seconds, delay, randomArrivals: true);
var cds = Wrk("cds.lua", seconds, 100);
// The same rate with independent arrivals: with a fixed pause the connections stay in lockstep
// and every call waits behind the other nine of its burst.
var cdsRandom = Wrk("cds.lua", seconds, 100, randomArrivals: true);
// The sequence network (ts-gru) at a bounded rate: a store patient's risk with 3 occlusion
// reasons and the trend over their earlier stays, and a CDS Hooks call with the same prefetch.
Wrk("patient.lua", 3, 0, BenchHospital.SeriesId);
// Resident memory of the service around the sequence runs: libtorch's tensors must not pile up.
double rssBefore = ResidentMegabytes(service!);
var sequencePatient = Wrk("patient.lua", seconds, 200, BenchHospital.SeriesId);
double rssMiddle = ResidentMegabytes(service!);
var sequenceCds = Wrk("cds.lua", seconds, 200, BenchHospital.SeriesId);
double rssAfter = ResidentMegabytes(service!);
Stop(service!);

Console.WriteLine();
Console.WriteLine("| run | requests/s | p50 ms | p90 ms | p99 ms | errors | service CPU ms/request |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var (name, r) in new[]
{
    ("authenticated no-op GET /api/whoami", noop),
    ($"tabular prediction (logreg, 3 reasons) POST /api/models/{BenchHospital.MortalityId}/predict", predict),
    ($"same, independent arrivals (exponential think time, mean {delay} ms)", predictRandom),
    ("CDS Hooks patient-view, 50 prefetched observations (logreg)", cds),
    ("same, independent arrivals (exponential think time, mean 100 ms)", cdsRandom),
    ("sequence model: store patient risk, ts-gru, 3 occlusion reasons + trend", sequencePatient),
    ("sequence model: CDS Hooks patient-view, ts-gru, 50 prefetched observations", sequenceCds),
})
{
    Console.WriteLine($"| {name} | {r.Rate:F0} | {r.P50:F2} | {r.P90:F2} | {r.P99:F2} | {r.Errors} | {r.CpuMsPerRequest:F3} |");
}

Console.WriteLine();
startups.Sort();
Console.WriteLine($"prediction p99 / no-op p99 = {predict.P99 / noop.P99:F2}; startup to ready (galen serve process, 3 models) {string.Join(", ", startups.Select(s => s.ToString("F0", CultureInfo.InvariantCulture)))} ms (median {startups[1]:F0}); {connections} connections, delay {delay} ms, {seconds} s per run; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"service resident memory around the sequence runs: {rssBefore:F0} MB before, {rssMiddle:F0} MB after {sequencePatient.Requests:N0} patient-risk requests, {rssAfter:F0} MB after {sequenceCds.Requests:N0} more CDS calls"));
try
{
    Directory.Delete(root, recursive: true);
}
catch (IOException)
{
    // The stopped service may hold a file a moment longer; the temp folder is cleaned by the OS.
}

return predict.Errors == 0 && predictRandom.Errors == 0 && noop.Errors == 0 && cds.Errors == 0 && cdsRandom.Errors == 0 && sequencePatient.Errors == 0 && sequenceCds.Errors == 0 ? 0 : 1;

Process StartService(int port)
{
    // The galen command built beside this harness (the project reference copies it).
    string galen = Path.Combine(AppContext.BaseDirectory, "galen.dll");
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var arg in new[] { galen, "serve", "--registry", hospital.Registry.Root, "--store", hospital.StorePath, "--port", port.ToString(CultureInfo.InvariantCulture), "--config", config })
    {
        start.ArgumentList.Add(arg);
    }

    start.Environment["Logging__LogLevel__Default"] = "Warning";
    var process = Process.Start(start)!;
    // Drain its output so a full pipe never blocks it.
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, e) =>
    {
        if (e.Data is not null)
        {
            Console.Error.WriteLine("galen serve: " + e.Data);
        }
    };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async System.Threading.Tasks.Task WaitReadyAsync(string url, Process process)
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    var deadline = DateTime.UtcNow.AddSeconds(120);
    while (DateTime.UtcNow < deadline)
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"galen serve exited with code {process.ExitCode} before it was ready.");
        }

        try
        {
            if ((await http.GetAsync(url + "/health/ready")).StatusCode == HttpStatusCode.OK)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }

        await System.Threading.Tasks.Task.Delay(5);
    }

    throw new TimeoutException("galen serve was not ready within 120 s.");
}

static void Stop(Process process)
{
    // Only the child this harness started, by its own handle.
    if (!process.HasExited)
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    process.Dispose();
}

static int FreePort()
{
    var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    int port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

// The service process's resident memory in MB (Linux /proc).
static double ResidentMegabytes(Process process)
{
    var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
}

// The service process's user + system CPU time in milliseconds (Linux /proc).
static double CpuMilliseconds(Process process)
{
    var fields = File.ReadAllText($"/proc/{process.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    return ticks * 1000.0 / 100; // USER_HZ is 100 on Linux
}

WrkResult Wrk(string script, int duration, int pause, string model = BenchHospital.MortalityId, bool randomArrivals = false)
{
    var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{duration}s", "--latency", "-s", Path.Combine(benchFolder, script), url })
    {
        start.ArgumentList.Add(arg);
    }

    start.Environment["GALEN_KEY"] = key;
    start.Environment["GALEN_MODEL"] = model;
    start.Environment["GALEN_PATIENT"] = hospital.PatientKey;
    start.Environment["DELAY_MS"] = pause.ToString(CultureInfo.InvariantCulture);
    start.Environment["CDS_BODY"] = cdsBody;
    start.Environment["PREDICT_BODY"] = predictBody;
    start.Environment["ARRIVALS"] = randomArrivals ? "random" : "lockstep";
    double cpuBefore = CpuMilliseconds(service!);
    using var process = Process.Start(start)!;
    string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
    process.WaitForExit();
    double cpu = CpuMilliseconds(service!) - cpuBefore;
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

    long requests = long.Parse(Regex.Match(output, @"(\d+) requests in").Groups[1].Value, CultureInfo.InvariantCulture);
    double rate = double.Parse(Regex.Match(output, @"Requests/sec:\s+(\S+)").Groups[1].Value, CultureInfo.InvariantCulture);
    return new WrkResult(rate, Percentile("50"), Percentile("90"), Percentile("99"), errors, requests == 0 ? double.NaN : cpu / requests, requests);
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

// A patient-view call for a mortality patient: the Patient, their encounters, conditions,
// procedures and orders, and exactly `observations` of their lab and vital-sign results.
static string CdsRequest(BenchHospital hospital, int observations)
{
    var reader = new FhirBundleReader();
    var serializer = new FhirJsonSerializer();
    foreach (var patient in hospital.Mortality.Samples.Select(s => s.PatientKey).Distinct())
    {
        var bundle = reader.ReadBundle(File.ReadAllBytes(Path.Combine(hospital.BundlesFolder, hospital.SourceKeys[patient] + ".json")));
        if (bundle.Observations.Count < observations)
        {
            continue;
        }

        Bundle SearchSet(IEnumerable<Resource> resources)
        {
            var set = new Bundle { Type = Bundle.BundleType.Searchset };
            foreach (var r in resources)
            {
                set.Entry.Add(new Bundle.EntryComponent { FullUrl = $"http://ehr.bench/fhir/{r.TypeName}/{r.Id}", Resource = r, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } });
            }

            return set;
        }

        var prefetch = new Dictionary<string, Resource>
        {
            ["patient"] = bundle.Patient,
            ["encounters"] = SearchSet(bundle.Encounters),
            ["conditions"] = SearchSet(bundle.Conditions),
            ["procedures"] = SearchSet(bundle.Procedures),
            ["observations"] = SearchSet(bundle.Observations.Take(observations)),
            ["medications"] = SearchSet(bundle.MedicationRequests),
        };
        var request = new Dictionary<string, object>
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new { userId = "Practitioner/bench", patientId = bundle.Patient.Id },
            ["prefetch"] = prefetch.ToDictionary(p => p.Key, p => (object)JsonDocument.Parse(serializer.SerializeToString(p.Value)).RootElement.Clone()),
        };
        return JsonSerializer.Serialize(request);
    }

    throw new InvalidOperationException($"No mortality patient has {observations} observations.");
}

internal sealed record WrkResult(double Rate, double P50, double P90, double P99, long Errors, double CpuMsPerRequest, long Requests);
