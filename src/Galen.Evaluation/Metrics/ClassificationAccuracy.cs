namespace Galen.Evaluation.Metrics;

/// <summary>Share of samples whose most probable class is the true one.</summary>
public static class ClassificationAccuracy
{
    /// <summary>Accuracy of multiclass probabilities (samples × classes, row-major) against class indices; ties go to the lower class.</summary>
    public static double Multiclass(ReadOnlySpan<float> classes, ReadOnlySpan<double> probabilities, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (probabilities.Length != classes.Length * classCount || classes.Length == 0)
        {
            throw new ArgumentException($"{probabilities.Length} probabilities do not match {classes.Length} samples × {classCount} classes.", nameof(probabilities));
        }

        int correct = 0;
        for (int i = 0; i < classes.Length; i++)
        {
            var row = probabilities.Slice(i * classCount, classCount);
            int best = 0;
            for (int k = 1; k < classCount; k++)
            {
                if (row[k] > row[best])
                {
                    best = k;
                }
            }

            correct += best == (int)classes[i] ? 1 : 0;
        }

        return correct / (double)classes.Length;
    }
}
