using Galen.Core.Learning;

namespace Galen.Data.Preprocessing;

/// <summary>
/// Model-based imputation by chained ridge regressions (MICE without sampling): start from
/// column means, then repeatedly regress each column on all the others over the training rows
/// where it is observed and predict it where it is missing, columns in order of increasing
/// missingness, until the largest change (the matrix ∞-norm of the change) falls below
/// <see cref="Tolerance"/> × the largest observed magnitude, or <see cref="MaxIterations"/>
/// rounds. The fitted transform replays the same sequence of regressions on new rows. Matches
/// scikit-learn's <c>IterativeImputer(estimator=Ridge(alpha), imputation_order="ascending")</c>.
/// </summary>
public sealed class IterativeImputer(int maxIterations = 10, double tolerance = 1e-3, double ridgeAlpha = 1.0, bool addIndicators = false) : IFeaturizer
{
    public int MaxIterations { get; } = maxIterations >= 1 ? maxIterations : throw new ArgumentOutOfRangeException(nameof(maxIterations));

    public double Tolerance { get; } = tolerance;

    public double RidgeAlpha { get; } = ridgeAlpha;

    public IFittedFeaturizer Fit(FeatureMatrix train)
    {
        ArgumentNullException.ThrowIfNull(train);
        int n = train.Rows, p = train.Columns;
        var means = new double[p];
        var missing = new bool[n, p];
        var missingFraction = new double[p];
        double largest = 0;
        var x = new double[n, p];
        for (int c = 0; c < p; c++)
        {
            means[c] = ColumnStatistics.Mean(ColumnStatistics.Observed(train, c));
            int count = 0;
            for (int r = 0; r < n; r++)
            {
                float v = train[r, c];
                missing[r, c] = float.IsNaN(v);
                if (missing[r, c])
                {
                    count++;
                }
                else
                {
                    largest = Math.Max(largest, Math.Abs(v));
                }

                x[r, c] = missing[r, c] ? (double.IsNaN(means[c]) ? 0 : means[c]) : v;
            }

            missingFraction[c] = n == 0 ? 0 : count / (double)n;
        }

        // Stable sort by missing fraction, complete columns first (their models still serve new rows).
        int[] order = Enumerable.Range(0, p).OrderBy(c => missingFraction[c]).ToArray();
        var sequence = new List<RidgeModel>();
        bool anyMissing = missingFraction.Any(f => f > 0);
        if (anyMissing && p > 1)
        {
            double threshold = Tolerance * largest;
            var previous = (double[,])x.Clone();
            for (int iteration = 0; iteration < MaxIterations; iteration++)
            {
                foreach (int target in order)
                {
                    var model = RidgeModel.Fit(x, missing, target, RidgeAlpha);
                    sequence.Add(model);
                    model.Impute(x, missing);
                }

                if (InfinityNorm(x, previous) < threshold)
                {
                    break;
                }

                Array.Copy(x, previous, x.Length);
            }
        }

        return new Fitted(train.Features, means, sequence, MissingIndicators.Fit(train, addIndicators));
    }

    /// <summary>The matrix ∞-norm of the change: the largest row sum of absolute differences (NumPy's <c>norm(ord=inf)</c>).</summary>
    private static double InfinityNorm(double[,] a, double[,] b)
    {
        double norm = 0;
        for (int r = 0; r < a.GetLength(0); r++)
        {
            double sum = 0;
            for (int c = 0; c < a.GetLength(1); c++)
            {
                sum += Math.Abs(a[r, c] - b[r, c]);
            }

            norm = Math.Max(norm, sum);
        }

        return norm;
    }

    private sealed class Fitted(IReadOnlyList<FeatureSpec> inputs, double[] means, List<RidgeModel> sequence, MissingIndicators indicators) : IFittedFeaturizer
    {
        public IReadOnlyList<FeatureSpec> OutputFeatures { get; } = [.. inputs, .. indicators.Specs];

        public FeatureMatrix Transform(FeatureMatrix rows)
        {
            ArgumentNullException.ThrowIfNull(rows);
            FeatureShape.Check(rows, inputs);
            int n = rows.Rows, p = inputs.Count, width = OutputFeatures.Count;
            var x = new double[n, p];
            var missing = new bool[n, p];
            for (int r = 0; r < n; r++)
            {
                for (int c = 0; c < p; c++)
                {
                    float v = rows[r, c];
                    missing[r, c] = float.IsNaN(v);
                    x[r, c] = missing[r, c] ? (double.IsNaN(means[c]) ? 0 : means[c]) : v;
                }
            }

            foreach (var model in sequence)
            {
                model.Impute(x, missing);
            }

            var output = new float[n * width];
            for (int r = 0; r < n; r++)
            {
                for (int c = 0; c < p; c++)
                {
                    output[(r * width) + c] = missing[r, c] ? (float)x[r, c] : rows[r, c];
                }
            }

            indicators.Write(rows, output, width, p);
            return new FeatureMatrix(OutputFeatures, output);
        }
    }

    /// <summary>Ridge regression of one column on all the others, with an unpenalised intercept (scikit-learn's <c>Ridge</c>).</summary>
    private sealed class RidgeModel
    {
        private RidgeModel(int target, double[] weights, double intercept)
        {
            Target = target;
            Weights = weights;
            Intercept = intercept;
        }

        public int Target { get; }

        /// <summary>One weight per column; the target's own weight is unused.</summary>
        public double[] Weights { get; }

        public double Intercept { get; }

        public static RidgeModel Fit(double[,] x, bool[,] missing, int target, double alpha)
        {
            int n = x.GetLength(0), p = x.GetLength(1);
            var predictors = Enumerable.Range(0, p).Where(c => c != target).ToArray();
            var rows = Enumerable.Range(0, n).Where(r => !missing[r, target]).ToArray();
            int m = predictors.Length;
            var xMean = new double[m];
            double yMean = 0;
            foreach (int r in rows)
            {
                yMean += x[r, target];
                for (int j = 0; j < m; j++)
                {
                    xMean[j] += x[r, predictors[j]];
                }
            }

            if (rows.Length > 0)
            {
                yMean /= rows.Length;
                for (int j = 0; j < m; j++)
                {
                    xMean[j] /= rows.Length;
                }
            }

            // (XcᵀXc + αI) w = Xcᵀ yc, solved by Cholesky.
            var a = new double[m, m];
            var b = new double[m];
            foreach (int r in rows)
            {
                double y = x[r, target] - yMean;
                for (int i = 0; i < m; i++)
                {
                    double xi = x[r, predictors[i]] - xMean[i];
                    b[i] += xi * y;
                    for (int j = 0; j <= i; j++)
                    {
                        a[i, j] += xi * (x[r, predictors[j]] - xMean[j]);
                    }
                }
            }

            for (int i = 0; i < m; i++)
            {
                a[i, i] += alpha;
                for (int j = 0; j < i; j++)
                {
                    a[j, i] = a[i, j];
                }
            }

            var w = Cholesky.Solve(a, b);
            var weights = new double[p];
            double intercept = yMean;
            for (int j = 0; j < m; j++)
            {
                weights[predictors[j]] = w[j];
                intercept -= xMean[j] * w[j];
            }

            return new RidgeModel(target, weights, intercept);
        }

        public void Impute(double[,] x, bool[,] missing)
        {
            for (int r = 0; r < x.GetLength(0); r++)
            {
                if (!missing[r, Target])
                {
                    continue;
                }

                double value = Intercept;
                for (int c = 0; c < Weights.Length; c++)
                {
                    if (c != Target)
                    {
                        value += Weights[c] * x[r, c];
                    }
                }

                x[r, Target] = value;
            }
        }
    }
}
