namespace Galen.Text.Nlp.Classification;

/// <summary>
/// Multinomial logistic regression on sparse rows, fitted by L-BFGS to the objective scikit-learn's
/// <c>LogisticRegression(multi_class="multinomial", solver="lbfgs")</c> minimises: ½‖W‖² + C·Σ
/// cross-entropy, with an unpenalised intercept per class. Weights are class-major, the intercept
/// last in each class's block.
/// </summary>
public sealed class SoftmaxRegression
{
    private readonly double[] _weights;

    private SoftmaxRegression(double[] weights, int classes, int features)
    {
        _weights = weights;
        Classes = classes;
        Features = features;
    }

    public int Classes { get; }

    public int Features { get; }

    /// <summary>Iterations the optimiser ran.</summary>
    public int Iterations { get; private init; }

    /// <summary>Fits the model. <paramref name="c"/> is the inverse regularisation strength, as in scikit-learn.</summary>
    public static SoftmaxRegression Fit(IReadOnlyList<SparseRow> rows, IReadOnlyList<int> labels, int classes, int features, double c = 1.0, int maxIterations = 500, double tolerance = 1e-6, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        if (rows.Count != labels.Count)
        {
            throw new ArgumentException($"{rows.Count} rows but {labels.Count} labels.", nameof(labels));
        }

        int width = features + 1;
        int n = classes * width;
        var x = new double[n];
        var gradient = new double[n];
        double f = Objective(rows, labels, classes, width, c, x, gradient);
        const int memory = 10;
        var s = new List<double[]>();
        var y = new List<double[]>();
        var rho = new List<double>();
        var direction = new double[n];
        var alpha = new double[memory];
        var trial = new double[n];
        var trialGradient = new double[n];
        int iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Two-loop recursion: direction = -H · gradient.
            Array.Copy(gradient, direction, n);
            for (int k = s.Count - 1; k >= 0; k--)
            {
                alpha[k] = rho[k] * Dot(s[k], direction);
                Axpy(-alpha[k], y[k], direction);
            }

            double gamma = s.Count > 0 ? Dot(s[^1], y[^1]) / Dot(y[^1], y[^1]) : 1.0 / Math.Max(1e-12, Math.Sqrt(Dot(gradient, gradient)));
            for (int i = 0; i < n; i++)
            {
                direction[i] *= gamma;
            }

            for (int k = 0; k < s.Count; k++)
            {
                double beta = rho[k] * Dot(y[k], direction);
                Axpy(alpha[k] - beta, s[k], direction);
            }

            for (int i = 0; i < n; i++)
            {
                direction[i] = -direction[i];
            }

            double slope = Dot(gradient, direction);
            if (slope >= 0)
            {
                for (int i = 0; i < n; i++)
                {
                    direction[i] = -gradient[i];
                }

                slope = Dot(gradient, direction);
                s.Clear();
                y.Clear();
                rho.Clear();
            }

            // Backtracking line search (Armijo).
            double step = 1.0;
            double fTrial;
            while (true)
            {
                for (int i = 0; i < n; i++)
                {
                    trial[i] = x[i] + (step * direction[i]);
                }

                fTrial = Objective(rows, labels, classes, width, c, trial, trialGradient);
                if (fTrial <= f + (1e-4 * step * slope) || step < 1e-12)
                {
                    break;
                }

                step *= 0.5;
            }

            var sNew = new double[n];
            var yNew = new double[n];
            for (int i = 0; i < n; i++)
            {
                sNew[i] = trial[i] - x[i];
                yNew[i] = trialGradient[i] - gradient[i];
            }

            double sy = Dot(sNew, yNew);
            if (sy > 1e-12)
            {
                if (s.Count == memory)
                {
                    s.RemoveAt(0);
                    y.RemoveAt(0);
                    rho.RemoveAt(0);
                }

                s.Add(sNew);
                y.Add(yNew);
                rho.Add(1.0 / sy);
            }

            double change = f - fTrial;
            Array.Copy(trial, x, n);
            Array.Copy(trialGradient, gradient, n);
            f = fTrial;
            double largest = 0;
            foreach (double g in gradient)
            {
                largest = Math.Max(largest, Math.Abs(g));
            }

            if (largest < tolerance || (change >= 0 && change < tolerance * 1e-3 * Math.Max(1, Math.Abs(f))))
            {
                iteration++;
                break;
            }
        }

        return new SoftmaxRegression(x, classes, features) { Iterations = iteration };
    }

    /// <summary>Class probabilities of one row.</summary>
    public void Probabilities(SparseRow row, Span<double> probabilities)
    {
        Scores(_weights, Classes, Features + 1, row, probabilities);
        Softmax(probabilities);
    }

    /// <summary>The weight of a feature for a class (the intercept at index <see cref="Features"/>).</summary>
    public double Weight(int @class, int feature) => _weights[(@class * (Features + 1)) + feature];

    private static double Objective(IReadOnlyList<SparseRow> rows, IReadOnlyList<int> labels, int classes, int width, double c, double[] w, double[] gradient)
    {
        Array.Clear(gradient);
        double loss = 0;
        Span<double> p = stackalloc double[classes];
        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            Scores(w, classes, width, row, p);
            double max = double.NegativeInfinity;
            foreach (double v in p)
            {
                max = Math.Max(max, v);
            }

            double sum = 0;
            for (int k = 0; k < classes; k++)
            {
                p[k] = Math.Exp(p[k] - max);
                sum += p[k];
            }

            int label = labels[r];
            loss += -(Math.Log(p[label] / sum));
            for (int k = 0; k < classes; k++)
            {
                double coefficient = c * ((p[k] / sum) - (k == label ? 1 : 0));
                int block = k * width;
                for (int j = 0; j < row.Indices.Length; j++)
                {
                    gradient[block + row.Indices[j]] += coefficient * row.Values[j];
                }

                gradient[block + width - 1] += coefficient;
            }
        }

        double penalty = 0;
        for (int k = 0; k < classes; k++)
        {
            int block = k * width;
            for (int j = 0; j < width - 1; j++)
            {
                penalty += w[block + j] * w[block + j];
                gradient[block + j] += w[block + j];
            }
        }

        return (c * loss) + (0.5 * penalty);
    }

    private static void Scores(double[] w, int classes, int width, SparseRow row, Span<double> scores)
    {
        for (int k = 0; k < classes; k++)
        {
            int block = k * width;
            double score = w[block + width - 1];
            for (int j = 0; j < row.Indices.Length; j++)
            {
                score += w[block + row.Indices[j]] * row.Values[j];
            }

            scores[k] = score;
        }
    }

    private static void Softmax(Span<double> scores)
    {
        double max = double.NegativeInfinity;
        foreach (double v in scores)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (int k = 0; k < scores.Length; k++)
        {
            scores[k] = Math.Exp(scores[k] - max);
            sum += scores[k];
        }

        for (int k = 0; k < scores.Length; k++)
        {
            scores[k] /= sum;
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
