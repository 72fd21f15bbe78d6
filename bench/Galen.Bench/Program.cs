using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Galen.Bench -- --filter '*'` runs every suite;
// `-- deep-throughput --model lstm|transformer --threads N` and `-- deep-memory` run the
// deep-learning harness next to its PyTorch peer; see bench/README.md.
if (args.Length > 0 && args[0].StartsWith("deep-", StringComparison.Ordinal))
{
    return Galen.Bench.Deep.DeepBenchmarks.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Galen.Bench.Metrics.AurocBenchmarks).Assembly).Run(args);
return 0;
