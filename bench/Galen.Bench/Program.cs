using BenchmarkDotNet.Running;
using Galen.Bench.Ingest;
using Galen.Bench.Tasks;

// Harnesses that compare with a peer process or scale a workload run by name; everything else
// is BenchmarkDotNet: `dotnet run -c Release --project bench/Galen.Bench -- --filter '*'`.
// See bench/README.md.
// `-- deep-throughput --model lstm|transformer --threads N` and `-- deep-memory` run the
// deep-learning harness next to its PyTorch peer.
if (args.Length > 0 && args[0].StartsWith("deep-", StringComparison.Ordinal))
{
    return Galen.Bench.Deep.DeepBenchmarks.Run(args);
}

return args.FirstOrDefault() switch
{
    "ingest-labevents" => IngestBenchmark.Run(args),
    "ingest-child" => IngestBenchmark.Galen(args),
    "duckdb-child" => IngestBenchmark.DuckDb(args),
    "tasks-scaling" => TaskScalingBenchmark.Run(args),
    // Text models (word2vec quality against the generator's knowledge, classifiers, seq2seq): see docs/benchmarks.md.
    "text-word2vec" => Galen.Bench.Text.Word2VecQualityHarness.Run(args[1..]),
    // Test AUROC of each model next to the synthetic hospital's best achievable (docs/benchmarks.md, model quality).
    "quality" => Galen.Bench.Quality.ModelQualityHarness.Run(args),
    "deid-throughput" => Galen.Bench.Text.DeidThroughputHarness.Run(),
    // Memory of streaming de-identification at growing input sizes (see docs/benchmarks.md).
    "deid-stream" => Galen.Bench.Text.DeidStreamHarness.Run(args[1..]),
    // `... -- harness <command>` runs the Galen side of a peer comparison (see bench/README.md).
    "harness" => Galen.Bench.Learning.PeerHarness.Run(args[1..]),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Galen.Bench.Metrics.AurocBenchmarks).Assembly).Run(args);
    return 0;
}
