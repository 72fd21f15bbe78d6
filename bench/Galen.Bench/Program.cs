using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Galen.Bench -- --filter '*'` runs every suite;
// see bench/README.md for the peer comparisons.
if (args.Length > 0 && args[0] == "deid-throughput")
{
    return Galen.Bench.Text.DeidThroughputHarness.Run();
}

if (args.Length > 0 && args[0] == "deid-stream")
{
    // Memory of streaming de-identification at growing input sizes (see docs/benchmarks.md).
    return Galen.Bench.Text.DeidStreamHarness.Run(args[1..]);
}

// `... -- harness <command>` runs the Galen side of a peer comparison (see bench/README.md).
if (args.Length > 0 && args[0] == "harness")
{
    return Galen.Bench.Learning.PeerHarness.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Galen.Bench.Metrics.AurocBenchmarks).Assembly).Run(args);
return 0;
