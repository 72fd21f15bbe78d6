using System.Diagnostics;
using System.Globalization;
using Galen.Text.Deid.Detection;
using Galen.Text.Deid.Keys;
using Galen.Text.Deid.Learning;
using Galen.Text.Deid.Operators;
using Galen.Text.Deid.Pipeline;

namespace Galen.Bench.Text;

/// <summary>
/// `dotnet run -c Release --project bench/Galen.Bench -- deid-stream 1000 10000 50000`: writes that
/// many 2 KB note files, de-identifies each folder with the streaming pipeline (all cores, all
/// layers, surrogates) in a fresh process state, and prints wall time, notes/s and the peak
/// working set, to show memory stays flat as the input grows.
/// </summary>
internal static class DeidStreamHarness
{
    public static int Run(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1000, 10000];
        var template = BenchNotes.TwoKilobyteNotes(200);
        var model = DeidModels.TrainDefault();
        string root = Path.Combine(Path.GetTempPath(), "galen-deid-stream-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine("notes | input MB | seconds | notes/s (all cores) | peak working set MB | GC heap after MB");
        foreach (int size in sizes)
        {
            string input = Path.Combine(root, "in" + size);
            Directory.CreateDirectory(input);
            for (int i = 0; i < size; i++)
            {
                File.WriteAllText(Path.Combine(input, (i / 50).ToString("D5", CultureInfo.InvariantCulture) + "-" + i.ToString("D7", CultureInfo.InvariantCulture) + ".txt"), template[i % template.Length]);
            }

            GC.Collect();
            using var process = Process.GetCurrentProcess();
            var deid = new NoteDeidentifier(LayeredPhiDetector.Create(model), new SurrogateFactory(PatientKeyStore.CreateNew()), DeidOperator.Surrogate);
            var watch = Stopwatch.StartNew();
            var manifest = new DeidRunner(deid).Run(new FileNoteSource(input, new NoteReadLimits()), new FolderNoteSink(Path.Combine(root, "out" + size)), TextWriter.Null, learnedLayer: true);
            double seconds = watch.Elapsed.TotalSeconds;
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{size} | {size * 2048 / 1e6:F1} | {seconds:F1} | {manifest.NotesWritten / seconds:F0} | {process.PeakWorkingSet64 / 1e6:F0} | {GC.GetTotalMemory(false) / 1e6:F0}"));
            Directory.Delete(Path.Combine(root, "out" + size), recursive: true);
            Directory.Delete(input, recursive: true);
        }

        Directory.Delete(root, recursive: true);
        return 0;
    }
}
