using BenchmarkDotNet.Attributes;
using Galen.Evaluation.Metrics;

namespace Galen.Bench.Metrics;

/// <summary>AUROC on 100k predictions: the unit of work inside every bootstrap resample.</summary>
[MemoryDiagnoser]
public class AurocBenchmarks
{
    private bool[] _labels = [];
    private double[] _scores = [];

    [Params(100_000)]
    public int Predictions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _labels = new bool[Predictions];
        _scores = new double[Predictions];
        for (int i = 0; i < Predictions; i++)
        {
            _labels[i] = rng.NextDouble() < 0.2;
            _scores[i] = rng.NextDouble() + (_labels[i] ? 0.3 : 0.0);
        }
    }

    [Benchmark]
    public double Auroc() => BinaryRanking.Auroc(_labels, _scores);
}
