using Xunit;

// Several tests here train TorchSharp networks (the demo, task experiments, images). libtorch's
// random generator and thread pool are process-wide, so two trainings running at once in one
// test process would draw from each other's seeded stream and the same seed would no longer give
// the same result. The `galen` command trains one network at a time; so do these tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
