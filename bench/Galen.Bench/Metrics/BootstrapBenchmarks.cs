using BenchmarkDotNet.Attributes;
using Galen.Evaluation.Resampling;

namespace Galen.Bench.Metrics;

/// <summary>1,000 bootstrap resamples of AUROC on 100k predictions (target: under 5 s).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class BootstrapBenchmarks
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
    public MetricEstimate AurocThousandResamples() => Bootstrap.Auroc(_labels, _scores, new BootstrapOptions(Resamples: 1000));
}
