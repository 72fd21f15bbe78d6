// libtorch's random generator and thread count are process-wide, so tests that train run one
// at a time; otherwise the same seed would not give the same numbers.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
