using Galen.Evaluation.Metrics;

namespace Galen.Evaluation.Tests.Metrics;

public sealed class ClassificationAccuracyTests
{
    // Golden value: bench/peers/metrics_golden.py (accuracy_score of the argmax, scikit-learn 1.2.1).
    [Fact]
    public void Multiclass_accuracy_matches_scikit_learn()
    {
        float[] classes = [0, 2, 1, 2, 0];
        double[] probabilities = [0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.5, 0.4, 0.1, 0.2, 0.2, 0.6, 0.3, 0.4, 0.3];

        Assert.Equal(0.6, ClassificationAccuracy.Multiclass(classes, probabilities, 3), 12);
    }

    [Fact]
    public void Probabilities_that_do_not_fill_the_classes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ClassificationAccuracy.Multiclass([0f, 1f], [0.5, 0.5, 1.0], 2));
    }
}
