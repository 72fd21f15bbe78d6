using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Galen.Cli.Serving;
using Galen.Serve.Audit;
using Galen.Serve.CdsHooks;
using Galen.Serve.Fhir;
using Galen.Serve.Hosting;
using Galen.Serve.Models;
using Galen.Serve.Registry;

namespace Galen.Serve.Bench;

/// <summary>
/// Where a CDS Hooks patient-view call spends its time, stage by stage, in this process (no HTTP):
/// the steps <see cref="CdsHooksService"/> and <see cref="FhirPrediction"/> take for a call, each
/// timed by wall clock and by this thread's CPU time over many repetitions of the same request.
/// The CPU column does not depend on how busy the rest of the machine is.
/// </summary>
internal static class CdsProfile
{
    public static async System.Threading.Tasks.Task RunAsync(BenchHospital hospital, string modelId, string requestBody, int iterations)
    {
        var entry = hospital.Registry.Production().Single(e => e.ModelId == modelId);
        var loader = ServedBundleFormats.Loaders().Single(l => l.Format == entry.Format);
        var model = new ServedModel(entry, loader.Load(entry, default));
        var extractor = new FhirTaskFeatureExtractor(new ServedTaskFeaturizers());
        var reader = new FhirBundleReader();
        var unvalidated = new Hl7.Fhir.Serialization.FhirJsonDeserializer(new Hl7.Fhir.Serialization.DeserializerSettings { Validator = null });
        var options = new ServeOptions { RegistryRoot = hospital.Registry.Root };
        var builder = new RiskAssessmentBuilder(options);
        string auditFolder = Path.Combine(Path.GetTempPath(), "galen-cds-profile-" + Guid.NewGuid().ToString("N"));
        var audit = new AuditLog(Path.Combine(auditFolder, "audit.jsonl"), syncEachWrite: false);
        byte[] body = System.Text.Encoding.UTF8.GetBytes(requestBody);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var stages = new (string Name, Stopwatch Wall, double Cpu)[]
        {
            ("parse the request JSON", new Stopwatch(), 0),
            ("(no longer done) re-serialise each prefetch element", new Stopwatch(), 0),
            ("Firely parse + validate (strict)", new Stopwatch(), 0),
            ("(comparison only) Firely parse, attribute validator off", new Stopwatch(), 0),
            ("assemble the clinical bundle", new Stopwatch(), 0),
            ("FHIR → timeline → task features", new Stopwatch(), 0),
            ("model prediction + 3 reasons", new Stopwatch(), 0),
            ("(no longer done) RiskAssessment built and dropped", new Stopwatch(), 0),
            ("audit record", new Stopwatch(), 0),
            ("card JSON", new Stopwatch(), 0),
        };

        var allocated = new long[stages.Length];
        void Time(int stage, Action action)
        {
            double cpu = ThreadCpuMilliseconds();
            long bytes = GC.GetAllocatedBytesForCurrentThread();
            stages[stage].Wall.Start();
            action();
            stages[stage].Wall.Stop();
            allocated[stage] += GC.GetAllocatedBytesForCurrentThread() - bytes;
            stages[stage].Cpu += ThreadCpuMilliseconds() - cpu;
        }

        int[] gcBefore = [];
        long allocatedBefore = 0;
        for (int warm = 0; warm < 2; warm++)
        {
            for (int i = 0; i < (warm == 0 ? Math.Min(50, iterations) : iterations); i++)
            {
                if (warm == 1 && i == 0)
                {
                    foreach (var s in stages)
                    {
                        s.Wall.Reset();
                    }

                    gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
                    allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

                    for (int s = 0; s < stages.Length; s++)
                    {
                        stages[s].Cpu = 0;
                        allocated[s] = 0;
                    }
                }

                JsonDocument document = null!;
                Time(0, () => document = JsonDocument.Parse(body));
                using (document)
                {
                    var prefetch = document.RootElement.GetProperty("prefetch");
                    Time(1, () =>
                    {
                        foreach (var key in PatientViewPrefetch.Templates.Keys)
                        {
                            if (prefetch.TryGetProperty(key, out var item))
                            {
                                _ = JsonSerializer.SerializeToUtf8Bytes(item);
                            }
                        }
                    });
                    var resources = new List<(Hl7.Fhir.Model.Resource Resource, string? FullUrl, string Location)>();
                    Time(2, () =>
                    {
                        foreach (var key in PatientViewPrefetch.Templates.Keys)
                        {
                            if (prefetch.TryGetProperty(key, out var item))
                            {
                                resources.Add((reader.ParseResource(JsonMarshal.GetRawUtf8Value(item), "prefetch." + key), null, "prefetch." + key));
                            }
                        }
                    });
                    Time(3, () =>
                    {
                        foreach (var key in PatientViewPrefetch.Templates.Keys)
                        {
                            if (prefetch.TryGetProperty(key, out var item))
                            {
                                var json = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(item));
                                _ = unvalidated.TryDeserializeResource(ref json, out _, out _);
                            }
                        }
                    });
                    ClinicalBundle bundle = null!;
                    Time(4, () => bundle = reader.Assemble(resources));
                    FhirFeatures features = null!;
                    var now = DateTimeOffset.UtcNow;
                    Time(5, () => features = extractor.Extract(bundle, model, now));
                    RiskPrediction prediction = null!;
                    Time(6, () => prediction = features.Input is { } input && model.Model is IPatientInputModel patientModel ? patientModel.PredictPatient(input, 3) : model.PredictOne(features.Values, 3));
                    Time(7, () => builder.Build(model, bundle, prediction, features.Basis, now, features.SetAside));
                    Time(8, () => audit.AppendAsync(new AuditEvent(AuditEvent.Actions.Prediction, "bench", model.Id, model.Version, features.Input?.InputSha256 ?? RiskService.HashRow(features.Values), "cds-hooks")).GetAwaiter().GetResult());
                    Time(9, () => JsonSerializer.SerializeToUtf8Bytes(new { cards = new[] { new { summary = prediction.Probability.ToString(CultureInfo.InvariantCulture), detail = string.Join("; ", prediction.Reasons.Select(ReasonText.Describe)) } } }, json));
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"CDS Hooks patient-view stages for {modelId}, {iterations} calls in this process (wall and this thread's CPU per call):");
        Console.WriteLine("| stage | wall ms/call | CPU ms/call | allocated KiB/call |");
        Console.WriteLine("|---|---:|---:|---:|");
        double wall = 0, cpuTotal = 0;
        for (int stage = 0; stage < stages.Length; stage++)
        {
            var (name, clock, cpu) = stages[stage];
            double w = clock.Elapsed.TotalMilliseconds / iterations;
            double c = cpu / iterations;
            if (!name.StartsWith('('))
            {
                wall += w;
                cpuTotal += c;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {w:F3} | {c:F3} | {allocated[stage] / 1024.0 / iterations:F0} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| total | {wall:F3} | {cpuTotal:F3} |"));
        Console.WriteLine("(allocations and collections include the two stages no longer done)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"request body {body.Length / 1024.0:F0} KiB; allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1024.0 / iterations:F0} KiB per call; collections per 100 calls: gen0 {100.0 * (GC.CollectionCount(0) - gcBefore[0]) / iterations:F1}, gen1 {100.0 * (GC.CollectionCount(1) - gcBefore[1]) / iterations:F1}, gen2 {100.0 * (GC.CollectionCount(2) - gcBefore[2]) / iterations:F1}"));
        // The log, its anchor and its lock file.
        await audit.DisposeAsync();
        Directory.Delete(auditFolder, recursive: true);
    }

    /// <summary>This thread's user + system CPU time (Linux; clock ticks of 10 ms, so use many iterations).</summary>
    private static double ThreadCpuMilliseconds()
    {
        var fields = File.ReadAllText("/proc/thread-self/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 10.0;
    }
}
