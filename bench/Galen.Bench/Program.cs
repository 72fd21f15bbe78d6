using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Galen.Bench -- --filter '*'` runs every suite;
// see bench/README.md for the peer comparisons.
BenchmarkSwitcher.FromAssembly(typeof(Galen.Bench.Metrics.AurocBenchmarks).Assembly).Run(args);
