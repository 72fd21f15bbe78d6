using Galen.Text.Deid.Detection;
using Galen.Text.Deid.Learning;

namespace Galen.Text.Tests;

/// <summary>One learned layer for the whole test run (trained once, on the training corpus only).</summary>
internal static class TrainedDetector
{
    private static readonly Lazy<LearnedPhiDetector> Learned = new(() => DeidModels.TrainDefault(seed: 42, notes: 500));

    public static LearnedPhiDetector Model => Learned.Value;

    public static LayeredPhiDetector All => LayeredPhiDetector.Create(Model);

    public static LayeredPhiDetector PatternsAndDictionaries => LayeredPhiDetector.Create();
}
