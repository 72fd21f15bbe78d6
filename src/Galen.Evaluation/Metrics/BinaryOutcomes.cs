namespace Galen.Evaluation.Metrics;

/// <summary>
/// Binary outcomes and scores, sorted once by descending score so that every metric, curve and
/// bootstrap resample is a single linear pass. Each metric takes optional per-sample integer
/// weights (how many times a sample is drawn in a bootstrap resample); no weights means one each.
/// Every metric matches scikit-learn's definition (see the tests' golden values).
/// </summary>
public sealed class BinaryOutcomes
{
    private readonly bool[] _labels;
    private readonly double[] _scores;

    // Sorted by descending score: the original index of each position, and the exclusive end
    // position of each run of tied scores.
    private readonly int[] _order;
    private readonly int[] _groupEnds;

    public BinaryOutcomes(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores)
    {
        if (labels.Length != scores.Length)
        {
            throw new ArgumentException($"labels has {labels.Length} entries but scores has {scores.Length}.", nameof(scores));
        }

        _labels = labels.ToArray();
        _scores = scores.ToArray();
        int n = _labels.Length;
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(_scores[i]))
            {
                throw new ArgumentException($"Score {i} is NaN; every sample needs a score.", nameof(scores));
            }
        }

        _order = new int[n];
        var keys = new double[n];
        for (int i = 0; i < n; i++)
        {
            _order[i] = i;
            keys[i] = -_scores[i];
        }

        Array.Sort(keys, _order);
        var ends = new List<int>();
        for (int k = 1; k <= n; k++)
        {
            if (k == n || keys[k] != keys[k - 1])
            {
                ends.Add(k);
            }
        }

        _groupEnds = [.. ends];
        Positives = _labels.Count(l => l);
    }

    /// <summary>Samples held.</summary>
    public int Count => _labels.Length;

    /// <summary>Samples with a positive outcome.</summary>
    public int Positives { get; }

    public ReadOnlySpan<bool> Labels => _labels;

    public ReadOnlySpan<double> Scores => _scores;

    /// <summary>Distinct score values (tie groups).</summary>
    public int DistinctScores => _groupEnds.Length;

    /// <summary>
    /// Area under the ROC curve, ties counting one half (scikit-learn's <c>roc_auc_score</c>).
    /// NaN when one class is absent.
    /// </summary>
    public double Auroc(ReadOnlySpan<int> weights = default)
    {
        CheckWeights(weights);
        double negativesAbove = 0;
        double area = 0;
        double positives = 0;
        int start = 0;
        foreach (int end in _groupEnds)
        {
            double groupPositives = 0;
            double groupNegatives = 0;
            for (int k = start; k < end; k++)
            {
                int i = _order[k];
                double w = weights.IsEmpty ? 1 : weights[i];
                if (_labels[i])
                {
                    groupPositives += w;
                }
                else
                {
                    groupNegatives += w;
                }
            }

            // Each positive in this group outranks the negatives below it; ties count one half.
            // Walking from the top, count the negatives above instead and subtract at the end.
            area += groupPositives * (negativesAbove + (0.5 * groupNegatives));
            negativesAbove += groupNegatives;
            positives += groupPositives;
            start = end;
        }

        double negatives = negativesAbove;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return 1.0 - (area / (positives * negatives));
    }

    /// <summary>
    /// Average precision, <c>Σ (Rₙ − Rₙ₋₁) Pₙ</c> over the distinct score thresholds
    /// (scikit-learn's <c>average_precision_score</c>; no interpolation). NaN without positives.
    /// </summary>
    public double AveragePrecision(ReadOnlySpan<int> weights = default)
    {
        CheckWeights(weights);
        double totalPositives = TotalPositives(weights);
        if (totalPositives == 0)
        {
            return double.NaN;
        }

        double truePositives = 0;
        double falsePositives = 0;
        double previousRecall = 0;
        double sum = 0;
        int start = 0;
        foreach (int end in _groupEnds)
        {
            double groupWeight = 0;
            for (int k = start; k < end; k++)
            {
                int i = _order[k];
                double w = weights.IsEmpty ? 1 : weights[i];
                groupWeight += w;
                if (_labels[i])
                {
                    truePositives += w;
                }
                else
                {
                    falsePositives += w;
                }
            }

            start = end;
            if (groupWeight == 0)
            {
                continue;
            }

            double recall = truePositives / totalPositives;
            double precision = truePositives / (truePositives + falsePositives);
            sum += (recall - previousRecall) * precision;
            previousRecall = recall;
        }

        return sum;
    }

    /// <summary>Counts at a threshold: a sample is called positive when its score ≥ <paramref name="threshold"/>.</summary>
    public ConfusionCounts Confusion(double threshold, ReadOnlySpan<int> weights = default)
    {
        CheckWeights(weights);
        double tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < _labels.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            bool called = _scores[i] >= threshold;
            if (_labels[i])
            {
                if (called)
                {
                    tp += w;
                }
                else
                {
                    fn += w;
                }
            }
            else if (called)
            {
                fp += w;
            }
            else
            {
                tn += w;
            }
        }

        return new ConfusionCounts(tp, fp, tn, fn);
    }

    /// <summary>
    /// Cross-entropy of the scores read as probabilities, clipped to [ε, 1 − ε] with ε the
    /// double-precision machine epsilon (scikit-learn's <c>log_loss</c>).
    /// </summary>
    public double LogLoss(ReadOnlySpan<int> weights = default)
    {
        CheckWeights(weights);
        const double eps = 2.220446049250313e-16; // numpy.finfo(float64).eps
        double sum = 0, total = 0;
        for (int i = 0; i < _labels.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            if (w == 0)
            {
                continue;
            }

            double p1 = Math.Clamp(_scores[i], eps, 1 - eps);
            double p0 = Math.Clamp(1 - _scores[i], eps, 1 - eps);
            double p = (_labels[i] ? p1 : p0) / (p0 + p1);
            sum -= w * Math.Log(p);
            total += w;
        }

        return sum / total;
    }

    /// <summary>Mean squared difference between probability and outcome (scikit-learn's <c>brier_score_loss</c>).</summary>
    public double Brier(ReadOnlySpan<int> weights = default)
    {
        CheckWeights(weights);
        double sum = 0, total = 0;
        for (int i = 0; i < _labels.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            double d = _scores[i] - (_labels[i] ? 1 : 0);
            sum += w * d * d;
            total += w;
        }

        return sum / total;
    }

    /// <summary>
    /// Expected calibration error: Σ over non-empty equal-width bins of (bin share) ×
    /// |observed rate − mean predicted probability|, binned as scikit-learn's
    /// <c>calibration_curve(strategy="uniform")</c> bins.
    /// </summary>
    public double ExpectedCalibrationError(int bins = 10, ReadOnlySpan<int> weights = default)
    {
        var curve = Reliability(bins, weights);
        double total = curve.Sum(b => b.Count);
        return curve.Sum(b => b.Count / total * Math.Abs(b.ObservedRate - b.MeanPredicted));
    }

    /// <summary>The reliability curve: observed rate against mean predicted probability per non-empty bin.</summary>
    public IReadOnlyList<ReliabilityBin> Reliability(int bins = 10, ReadOnlySpan<int> weights = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        CheckWeights(weights);
        var count = new double[bins];
        var positives = new double[bins];
        var predicted = new double[bins];

        // numpy.linspace(0, 1 + 1e-8, bins + 1); a score goes to the number of interior edges below it.
        double step = (1.0 + 1e-8) / bins;
        for (int i = 0; i < _labels.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            int bin = BinOf(_scores[i], step, bins);

            count[bin] += w;
            predicted[bin] += w * _scores[i];
            if (_labels[i])
            {
                positives[bin] += w;
            }
        }

        var result = new List<ReliabilityBin>();
        for (int b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                result.Add(new ReliabilityBin(b * step, Math.Min(1, (b + 1) * step), count[b], positives[b] / count[b], predicted[b] / count[b]));
            }
        }

        return result;
    }

    /// <summary>
    /// The ROC curve at every distinct score (scikit-learn's <c>roc_curve(drop_intermediate=False)</c>),
    /// starting at (0, 0) with threshold +∞.
    /// </summary>
    public RocCurve Roc(ReadOnlySpan<int> weights = default)
    {
        CheckWeights(weights);
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        var thresholds = new List<double> { double.PositiveInfinity };
        var totals = (Positives: TotalPositives(weights), All: TotalWeight(weights));
        double negatives = totals.All - totals.Positives;
        foreach (var (tp, fp, threshold) in CumulativeCounts(weights))
        {
            fpr.Add(negatives == 0 ? double.NaN : fp / negatives);
            tpr.Add(totals.Positives == 0 ? double.NaN : tp / totals.Positives);
            thresholds.Add(threshold);
        }

        return new RocCurve(fpr, tpr, thresholds);
    }

    /// <summary>
    /// The precision–recall curve as scikit-learn's <c>precision_recall_curve</c> returns it:
    /// one point per distinct score, recall decreasing, ending at (recall 0, precision 1).
    /// </summary>
    public PrecisionRecallCurve PrecisionRecall(ReadOnlySpan<int> weights = default)
    {
        CheckWeights(weights);
        double totalPositives = TotalPositives(weights);
        var precision = new List<double>();
        var recall = new List<double>();
        var thresholds = new List<double>();
        foreach (var (tp, fp, threshold) in CumulativeCounts(weights))
        {
            precision.Add(tp / (tp + fp));
            recall.Add(totalPositives == 0 ? double.NaN : tp / totalPositives);
            thresholds.Add(threshold);
        }

        precision.Reverse();
        recall.Reverse();
        thresholds.Reverse();
        precision.Add(1);
        recall.Add(0);
        return new PrecisionRecallCurve(precision, recall, thresholds);
    }

    /// <summary>
    /// Weighted true and false positives at each distinct score, from the highest score down,
    /// with that score as the threshold; scores whose samples all weigh zero are skipped (as
    /// scikit-learn drops them).
    /// </summary>
    private List<(double TruePositives, double FalsePositives, double Threshold)> CumulativeCounts(ReadOnlySpan<int> weights)
    {
        var counts = new List<(double, double, double)>(_groupEnds.Length);
        double tp = 0, fp = 0;
        int start = 0;
        foreach (int end in _groupEnds)
        {
            double groupWeight = 0;
            for (int k = start; k < end; k++)
            {
                int i = _order[k];
                double w = weights.IsEmpty ? 1 : weights[i];
                groupWeight += w;
                if (_labels[i])
                {
                    tp += w;
                }
                else
                {
                    fp += w;
                }
            }

            double threshold = _scores[_order[start]];
            start = end;
            if (groupWeight != 0)
            {
                counts.Add((tp, fp, threshold));
            }
        }

        return counts;
    }

    private static int BinOf(double score, double step, int bins)
    {
        int bin = Math.Clamp((int)Math.Ceiling(score / step) - 1, 0, bins - 1);
        while (bin > 0 && bin * step >= score)
        {
            bin--;
        }

        while (bin < bins - 1 && (bin + 1) * step < score)
        {
            bin++;
        }

        return bin;
    }

    private double TotalPositives(ReadOnlySpan<int> weights)
    {
        if (weights.IsEmpty)
        {
            return Positives;
        }

        double sum = 0;
        for (int i = 0; i < _labels.Length; i++)
        {
            if (_labels[i])
            {
                sum += weights[i];
            }
        }

        return sum;
    }

    private double TotalWeight(ReadOnlySpan<int> weights)
    {
        if (weights.IsEmpty)
        {
            return _labels.Length;
        }

        double sum = 0;
        foreach (int w in weights)
        {
            sum += w;
        }

        return sum;
    }

    private void CheckWeights(ReadOnlySpan<int> weights)
    {
        if (!weights.IsEmpty && weights.Length != _labels.Length)
        {
            throw new ArgumentException($"{weights.Length} weights given for {_labels.Length} samples.", nameof(weights));
        }
    }
}
