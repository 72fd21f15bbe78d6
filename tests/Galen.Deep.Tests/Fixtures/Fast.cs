using Galen.Core.Progress;
using Galen.Deep.Training;

namespace Galen.Deep.Tests.Fixtures;

/// <summary>Settings that keep tests quick and exactly repeatable: one libtorch thread.</summary>
internal static class Fast
{
    public static TrainerOptions Trainer(int epochs = 5, int batchSize = 32, double learningRate = 1e-2, int seed = 7) => new()
    {
        Epochs = epochs,
        BatchSize = batchSize,
        Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = learningRate, WeightDecay = 0 },
        Seed = seed,
        Threads = 1,
    };

    public static string TemporaryDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "galen-deep-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Applies reports on the reporting thread, in order.</summary>
    public sealed class InlineProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
