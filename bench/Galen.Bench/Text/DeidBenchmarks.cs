using BenchmarkDotNet.Attributes;
using Galen.Text.Deid.Detection;
using Galen.Text.Deid.Keys;
using Galen.Text.Deid.Learning;
using Galen.Text.Deid.Operators;

namespace Galen.Bench.Text;

/// <summary>
/// De-identification of 2 KB notes on one thread: one operation is 100 notes, so notes/s per core
/// = 100 / (mean seconds per operation). Layers are measured apart: patterns + dictionaries (the
/// ≥ 1,000 notes/s target), the learned layer alone, all layers, and all layers plus surrogates.
/// </summary>
[MemoryDiagnoser]
public class DeidBenchmarks
{
    private string[] _notes = [];
    private LayeredPhiDetector _patterns = null!;
    private LayeredPhiDetector _learned = null!;
    private LayeredPhiDetector _all = null!;
    private NoteDeidentifier _surrogates = null!;

    [GlobalSetup]
    public void Setup()
    {
        _notes = BenchNotes.TwoKilobyteNotes(100);
        var model = DeidModels.TrainDefault();
        _patterns = LayeredPhiDetector.Create();
        _learned = new LayeredPhiDetector(model);
        _all = LayeredPhiDetector.Create(model);
        _surrogates = new NoteDeidentifier(_all, new SurrogateFactory(PatientKeyStore.CreateNew()), DeidOperator.Surrogate);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 1)]
    public int PatternsAndDictionaries() => Detect(_patterns);

    [Benchmark]
    public int LearnedLayerOnly() => Detect(_learned);

    [Benchmark]
    public int AllLayers() => Detect(_all);

    [Benchmark]
    public int AllLayersWithSurrogates()
    {
        int total = 0;
        for (int i = 0; i < _notes.Length; i++)
        {
            total += _surrogates.Deidentify(_notes[i], "patient-" + (i % 10)).Total;
        }

        return total;
    }

    private int Detect(LayeredPhiDetector detector)
    {
        int total = 0;
        foreach (var note in _notes)
        {
            total += detector.Detect(note).Count;
        }

        return total;
    }
}
