using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Evaluation.Calibration;
using Galen.Evaluation.Conformal;
using Galen.Evaluation.Metrics;
using Galen.Evaluation.OperatingPoints;
using Galen.Evaluation.Resampling;
using Galen.Evaluation.Subgroups;

namespace Galen.Evaluation.Summaries;

/// <summary>
/// Builds a <see cref="ModelEvaluation"/> from held-out predictions (out-of-fold or a test
/// split). Calibration methods and conformal thresholds are judged cross-fitted: fitted on the
/// other folds' predictions, assessed on each fold's, so no number is judged on its own fit.
/// </summary>
public static class Evaluator
{
    public static ModelEvaluation Evaluate(
        string model,
        string description,
        string protocol,
        TargetMatrix targets,
        Predictions predictions,
        IReadOnlyList<SampleInfo> samples,
        IReadOnlyList<int>? foldOfRow = null,
        EvaluationOptions? options = null,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(samples);
        options ??= new EvaluationOptions();
        foldOfRow ??= HalvesByPatient(samples);
        int patients = samples.Select(s => s.PatientKey).Distinct(StringComparer.Ordinal).Count();
        var evaluation = new ModelEvaluation
        {
            Model = model,
            Description = description,
            Schema = targets.Schema,
            Protocol = protocol,
            Samples = targets.Rows,
            Patients = patients,
            Metrics = [],
            Bootstrap = options.Bootstrap,
        };

        return targets.Schema.Kind switch
        {
            LabelKind.Binary => Binary(evaluation, targets, predictions, samples, foldOfRow, options, progress, cancellationToken),
            LabelKind.Multiclass => evaluation with
            {
                Metrics = Bootstrap.Estimate(targets, predictions, samples, options.Bootstrap, options.Threshold, progress, cancellationToken),
                FoldScores = PerFold(foldOfRow, rows => MulticlassScores.MacroAuroc(Scorecard.ClassIndices(targets.Select(rows)), predictions.Select(rows).Values, predictions.Width)),
                Conformal = ClassConformal(Scorecard.ClassIndices(targets), predictions.Values.ToArray(), predictions.Width, foldOfRow, options.ConformalAlpha),
            },
            LabelKind.MultiLabel => evaluation with
            {
                Metrics = Bootstrap.Estimate(targets, predictions, samples, options.Bootstrap, options.Threshold, progress, cancellationToken),
                FoldScores = PerFold(foldOfRow, rows => MultiLabelScores.SamplesAveragePrecision(targets.Select(rows).Values, predictions.Select(rows).Values, predictions.Width)),
            },
            _ => evaluation with
            {
                Metrics = Bootstrap.Estimate(targets, predictions, samples, options.Bootstrap, options.Threshold, progress, cancellationToken),
                FoldScores = PerFold(foldOfRow, rows => RegressionScores.R2(Doubles(targets.Select(rows).Values), predictions.Select(rows).Values)),
                Conformal = RegressionConformal(Doubles(targets.Values), predictions.Values.ToArray(), foldOfRow, options.ConformalAlpha),
            },
        };
    }

    private static ModelEvaluation Binary(
        ModelEvaluation evaluation,
        TargetMatrix targets,
        Predictions predictions,
        IReadOnlyList<SampleInfo> samples,
        IReadOnlyList<int> foldOfRow,
        EvaluationOptions options,
        IProgress<WorkProgress>? progress,
        CancellationToken cancellationToken)
    {
        var labels = targets.AsBinary();
        var scores = predictions.Values.ToArray();
        var outcomes = new BinaryOutcomes(labels, scores);
        var point = Scorecard.Binary(outcomes, options.Threshold, default);
        int metricCount = point.Count;
        int grid = options.CurveGridPoints;
        var gridValues = Enumerable.Range(0, grid).Select(i => i / (double)(grid - 1)).ToArray();

        // One pass per resample gives every metric and both curve bands.
        var draws = Bootstrap.Resample(
            new BootstrapResampler(labels.Length, samples),
            options.Bootstrap,
            counts =>
            {
                var values = new double[metricCount + (2 * grid)];
                var metrics = Scorecard.Binary(outcomes, options.Threshold, counts);
                for (int m = 0; m < metricCount; m++)
                {
                    values[m] = metrics[m].Value;
                }

                var roc = outcomes.Roc(counts);
                var pr = outcomes.PrecisionRecall(counts);
                for (int g = 0; g < grid; g++)
                {
                    values[metricCount + g] = roc.TruePositiveRateAt(gridValues[g]);
                    values[metricCount + grid + g] = pr.PrecisionAt(gridValues[g]);
                }

                return values;
            },
            progress,
            cancellationToken);

        var estimates = new MetricEstimate[metricCount];
        for (int m = 0; m < metricCount; m++)
        {
            var (lower, upper) = Bootstrap.PercentileInterval(draws.Select(d => d[m]), options.Bootstrap.Level);
            estimates[m] = new MetricEstimate(point[m].Name, point[m].Value, lower, upper, point[m].HigherIsBetter);
        }

        CurveBand Band(int offset)
        {
            var lower = new double[grid];
            var upper = new double[grid];
            for (int g = 0; g < grid; g++)
            {
                (lower[g], upper[g]) = Bootstrap.PercentileInterval(draws.Select(d => d[offset + g]), options.Bootstrap.Level);
            }

            return new CurveBand(gridValues, lower, upper);
        }

        return evaluation with
        {
            Positives = outcomes.Positives,
            Metrics = estimates,
            FoldScores = PerFold(foldOfRow, rows => new BinaryOutcomes(rows.Select(r => labels[r]).ToArray(), rows.Select(r => scores[r]).ToArray()).Auroc()),
            Roc = Thin(outcomes.Roc()),
            RocBand = Band(metricCount),
            PrecisionRecall = Thin(outcomes.PrecisionRecall()),
            PrecisionRecallBand = Band(metricCount + grid),
            Reliability = outcomes.Reliability(options.CalibrationBins),
            Calibration = CrossFittedCalibration(labels, scores, foldOfRow, options.CalibrationBins),
            OperatingPoints =
            [
                OperatingPointSelector.Youden(outcomes),
                OperatingPointSelector.ForSensitivity(outcomes, options.TargetSensitivity),
                OperatingPointSelector.At(outcomes, options.Threshold, "fixed threshold"),
            ],
            Subgroups = SubgroupAnalysis.Compute(labels, scores, samples, options.Threshold, minimumSize: options.SubgroupMinimumSize),
            Conformal = ClassConformal(Array.ConvertAll(labels, l => l ? 1 : 0), SplitConformalClassifier.TwoClass(scores), 2, foldOfRow, options.ConformalAlpha),
        };
    }

    /// <summary>ECE and Brier before and after each calibration method, each fold calibrated by a map fitted on the other folds.</summary>
    public static IReadOnlyList<CalibrationResult> CrossFittedCalibration(bool[] labels, double[] scores, IReadOnlyList<int> foldOfRow, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(foldOfRow);
        var before = new BinaryOutcomes(labels, scores);
        var results = new List<CalibrationResult> { new("none", before.ExpectedCalibrationError(bins), before.Brier()) };
        IProbabilityCalibrator[] methods = [new PlattScaling(), new IsotonicCalibrator(), new TemperatureScaling()];
        var folds = foldOfRow.Distinct().Order().ToArray();
        foreach (var method in methods)
        {
            var calibrated = new double[scores.Length];
            foreach (int f in folds)
            {
                var fitRows = Enumerable.Range(0, scores.Length).Where(i => foldOfRow[i] != f).ToArray();
                if (fitRows.Length == 0 || fitRows.All(i => labels[i]) || fitRows.All(i => !labels[i]))
                {
                    return results;
                }

                var map = method.Fit(fitRows.Select(i => scores[i]).ToArray(), fitRows.Select(i => labels[i]).ToArray());
                for (int i = 0; i < scores.Length; i++)
                {
                    if (foldOfRow[i] == f)
                    {
                        calibrated[i] = map.Apply(scores[i]);
                    }
                }
            }

            var after = new BinaryOutcomes(labels, calibrated);
            results.Add(new CalibrationResult(method.Method, after.ExpectedCalibrationError(bins), after.Brier()));
        }

        return results;
    }

    private static ConformalResult ClassConformal(int[] labels, double[] probabilities, int classes, IReadOnlyList<int> foldOfRow, double alpha)
    {
        double covered = 0, size = 0;
        foreach (int f in foldOfRow.Distinct())
        {
            var fit = Enumerable.Range(0, labels.Length).Where(i => foldOfRow[i] != f).ToArray();
            var test = Enumerable.Range(0, labels.Length).Where(i => foldOfRow[i] == f).ToArray();
            var conformal = SplitConformalClassifier.Fit(Rows(probabilities, classes, fit), fit.Select(i => labels[i]).ToArray(), classes, alpha);
            var (coverage, meanSize) = conformal.Assess(Rows(probabilities, classes, test), test.Select(i => labels[i]).ToArray());
            covered += coverage * test.Length;
            size += meanSize * test.Length;
        }

        var all = SplitConformalClassifier.Fit(probabilities, labels, classes, alpha);
        return new ConformalResult(alpha, all.Threshold, covered / labels.Length, size / labels.Length);
    }

    private static ConformalResult RegressionConformal(double[] targets, double[] predictions, IReadOnlyList<int> foldOfRow, double alpha)
    {
        double covered = 0, width = 0;
        foreach (int f in foldOfRow.Distinct())
        {
            var fit = Enumerable.Range(0, targets.Length).Where(i => foldOfRow[i] != f).ToArray();
            var conformal = SplitConformalRegressor.Fit(fit.Select(i => targets[i]).ToArray(), fit.Select(i => predictions[i]).ToArray(), alpha);
            foreach (int i in Enumerable.Range(0, targets.Length).Where(i => foldOfRow[i] == f))
            {
                var (lower, upper) = conformal.Interval(predictions[i]);
                covered += targets[i] >= lower && targets[i] <= upper ? 1 : 0;
                width += upper - lower;
            }
        }

        var all = SplitConformalRegressor.Fit(targets, predictions, alpha);
        return new ConformalResult(alpha, all.HalfWidth, covered / targets.Length, width / targets.Length);
    }

    private static double[] Rows(double[] probabilities, int classes, int[] rows)
    {
        var result = new double[rows.Length * classes];
        for (int i = 0; i < rows.Length; i++)
        {
            Array.Copy(probabilities, rows[i] * classes, result, i * classes, classes);
        }

        return result;
    }

    private static double[]? PerFold(IReadOnlyList<int> foldOfRow, Func<int[], double> score)
    {
        var folds = foldOfRow.Distinct().Order().ToArray();
        return folds.Length < 2 ? null : folds.Select(f => score(Enumerable.Range(0, foldOfRow.Count).Where(i => foldOfRow[i] == f).ToArray())).ToArray();
    }

    private static double[] Doubles(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    /// <summary>Two parts by a stable hash of the patient key, for cross-fitting when there are no folds.</summary>
    private static int[] HalvesByPatient(IReadOnlyList<SampleInfo> samples) =>
        samples.Select(s => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s.PatientKey))[0] & 1).ToArray();

    /// <summary>Keeps at most about 400 points of a curve, enough to draw it.</summary>
    private static RocCurve Thin(RocCurve curve)
    {
        var keep = ThinIndices(curve.Thresholds.Count);
        return new RocCurve(keep.Select(i => curve.FalsePositiveRate[i]).ToArray(), keep.Select(i => curve.TruePositiveRate[i]).ToArray(), keep.Select(i => curve.Thresholds[i]).ToArray());
    }

    private static PrecisionRecallCurve Thin(PrecisionRecallCurve curve)
    {
        var keep = ThinIndices(curve.Precision.Count);
        return new PrecisionRecallCurve(keep.Select(i => curve.Precision[i]).ToArray(), keep.Select(i => curve.Recall[i]).ToArray(), keep.Where(i => i < curve.Thresholds.Count).Select(i => curve.Thresholds[i]).ToArray());
    }

    private static int[] ThinIndices(int count)
    {
        const int Limit = 400;
        if (count <= Limit)
        {
            return Enumerable.Range(0, count).ToArray();
        }

        return Enumerable.Range(0, Limit).Select(k => (int)Math.Round(k * (count - 1) / (double)(Limit - 1))).Distinct().ToArray();
    }
}
