using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Galen.Bench -- --filter '*'` runs every suite;
// `... -- harness <command>` runs the Galen side of a peer comparison (see bench/README.md).
if (args.Length > 0 && args[0] == "harness")
{
    return Galen.Bench.Learning.PeerHarness.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Galen.Bench.Metrics.AurocBenchmarks).Assembly).Run(args);
return 0;
