using System.Numerics;

namespace Galen.Text.Deid.Learning;

/// <summary>
/// A multiclass averaged perceptron over hashed features (Collins 2002): on a mistake the gold
/// class's weights go up and the predicted class's down; the final weights are the average over
/// every step, kept lazily so an update costs only the features it touches.
/// </summary>
internal sealed class AveragedPerceptron
{
    private readonly float[] _weights;
    private double[]? _totals;
    private int[]? _stamps;
    private int _step;

    public AveragedPerceptron(int buckets, int classes)
    {
        Buckets = buckets;
        Classes = classes;
        _weights = new float[buckets * classes];
        _totals = new double[_weights.Length];
        _stamps = new int[_weights.Length];
    }

    public int Buckets { get; }

    public int Classes { get; }

    /// <summary>True once <see cref="Average"/> has run; the model then only predicts.</summary>
    public bool IsFinal => _totals is null;

    /// <summary>Adds the features' weights into <paramref name="scores"/> (length <see cref="Classes"/>).</summary>
    public void Score(ReadOnlySpan<int> features, Span<float> scores)
    {
        scores.Clear();
        int k = Classes;
        foreach (int f in features)
        {
            var row = _weights.AsSpan(f * k, k);
            int c = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; c <= k - Vector<float>.Count; c += Vector<float>.Count)
                {
                    (new Vector<float>(scores[c..]) + new Vector<float>(row[c..])).CopyTo(scores[c..]);
                }
            }

            for (; c < k; c++)
            {
                scores[c] += row[c];
            }
        }
    }

    /// <summary>One training step: score, and on a mistake move the weights.</summary>
    public int Train(ReadOnlySpan<int> features, int gold, Span<float> scores)
    {
        _step++;
        Score(features, scores);
        int predicted = ArgMax(scores);
        if (predicted != gold)
        {
            foreach (int f in features)
            {
                Update(f * Classes + gold, 1f);
                Update(f * Classes + predicted, -1f);
            }
        }

        return predicted;
    }

    /// <summary>Replaces the weights with their average over all steps; training ends.</summary>
    public void Average()
    {
        if (_totals is null || _stamps is null)
        {
            return;
        }

        int steps = Math.Max(1, _step);
        for (int i = 0; i < _weights.Length; i++)
        {
            double total = _totals[i] + ((double)(_step - _stamps[i]) * _weights[i]);
            _weights[i] = (float)(total / steps);
        }

        _totals = null;
        _stamps = null;
    }

    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        for (int c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>Weights as stored (after <see cref="Average"/>), for saving.</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>A final model from saved weights.</summary>
    public static AveragedPerceptron FromWeights(int buckets, int classes, float[] weights)
    {
        var model = new AveragedPerceptron(buckets, classes, weights);
        return model;
    }

    private AveragedPerceptron(int buckets, int classes, float[] weights)
    {
        Buckets = buckets;
        Classes = classes;
        _weights = weights;
    }

    private void Update(int index, float delta)
    {
        var totals = _totals!;
        var stamps = _stamps!;
        totals[index] += (double)(_step - stamps[index]) * _weights[index];
        stamps[index] = _step;
        _weights[index] += delta;
    }
}
