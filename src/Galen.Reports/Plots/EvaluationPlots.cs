using Galen.Evaluation.Summaries;
using ScottPlot;

namespace Galen.Reports.Plots;

/// <summary>PNG plots of evaluations (ScottPlot): ROC and precision–recall curves with bootstrap bands, reliability curves, importance.</summary>
public static class EvaluationPlots
{
    public const int Width = 640;
    public const int Height = 480;

    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#d62728"), Color.FromHex("#2ca02c"),
        Color.FromHex("#9467bd"), Color.FromHex("#ff7f0e"), Color.FromHex("#17becf"),
    ];

    /// <summary>ROC curves of every model; the first (best) model gets its 95% bootstrap band.</summary>
    public static byte[] Roc(IReadOnlyList<ModelEvaluation> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var plot = new Plot();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        AddBand(plot, models.FirstOrDefault()?.RocBand, Palette[0]);
        for (int m = 0; m < models.Count; m++)
        {
            if (models[m].Roc is not { } roc)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(roc.FalsePositiveRate.ToArray(), roc.TruePositiveRate.ToArray());
            line.Color = Palette[m % Palette.Length];
            line.LineWidth = m == 0 ? 2.5f : 1.5f;
            line.LegendText = Legend(models[m], Evaluation.Metrics.MetricNames.Auroc);
        }

        Finish(plot, "ROC curves", "1 − specificity (false-positive rate)", "sensitivity (true-positive rate)");
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Precision–recall curves; the first model gets its band; the dashed line is prevalence.</summary>
    public static byte[] PrecisionRecall(IReadOnlyList<ModelEvaluation> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var plot = new Plot();
        if (models.FirstOrDefault() is { Positives: { } positives } first && first.Samples > 0)
        {
            double prevalence = positives / (double)first.Samples;
            var baseline = plot.Add.Line(0, prevalence, 1, prevalence);
            baseline.LinePattern = LinePattern.Dashed;
            baseline.Color = Colors.Gray;
        }

        AddBand(plot, models.FirstOrDefault()?.PrecisionRecallBand, Palette[0]);
        for (int m = 0; m < models.Count; m++)
        {
            if (models[m].PrecisionRecall is not { } pr)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(pr.Recall.ToArray(), pr.Precision.ToArray());
            line.Color = Palette[m % Palette.Length];
            line.LineWidth = m == 0 ? 2.5f : 1.5f;
            line.LegendText = Legend(models[m], Evaluation.Metrics.MetricNames.Auprc);
        }

        Finish(plot, "Precision–recall curves", "recall (sensitivity)", "precision (PPV)");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Reliability curves: observed outcome rate against mean predicted risk per bin; the diagonal is perfect calibration.</summary>
    public static byte[] Calibration(IReadOnlyList<ModelEvaluation> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var plot = new Plot();
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        for (int m = 0; m < models.Count; m++)
        {
            if (models[m].Reliability is not { Count: > 0 } bins)
            {
                continue;
            }

            var scatter = plot.Add.Scatter(bins.Select(b => b.MeanPredicted).ToArray(), bins.Select(b => b.ObservedRate).ToArray());
            scatter.Color = Palette[m % Palette.Length];
            scatter.MarkerSize = 7;
            scatter.LineWidth = m == 0 ? 2 : 1;
            scatter.LegendText = Legend(models[m], Evaluation.Metrics.MetricNames.Ece);
        }

        Finish(plot, "Calibration (reliability, 10 bins)", "mean predicted risk", "observed outcome rate");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Permutation importance of the top features, largest at the top, with ±1 SD whiskers.</summary>
    public static byte[] Importance(ModelEvaluation model, int top = 15)
    {
        ArgumentNullException.ThrowIfNull(model);
        var items = (model.Importance ?? []).Take(top).Reverse().ToArray();
        var plot = new Plot();
        var bars = items.Select((item, i) => new Bar
        {
            Position = i,
            Value = item.MeanDrop,
            Error = item.StandardDeviation,
            FillColor = Palette[0],
        }).ToArray();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, items.Length).Select(i => (double)i).ToArray(),
            items.Select(i => Shorten(i.Feature.DisplayName)).ToArray());
        string metric = items.FirstOrDefault()?.Metric ?? "metric";
        plot.Title($"Permutation importance — {model.Model}");
        plot.XLabel($"drop in {metric} when the feature is shuffled");
        plot.Axes.Margins(left: 0, right: 0.1, bottom: 0.02, top: 0.02);
        return plot.GetImageBytes(Width, Math.Max(Height, 40 + (26 * items.Length)), ImageFormat.Png);
    }

    private static void AddBand(Plot plot, CurveBand? band, Color color)
    {
        if (band is null)
        {
            return;
        }

        var fill = plot.Add.FillY(band.Grid.ToArray(), band.Lower.ToArray(), band.Upper.ToArray());
        fill.FillColor = color.WithAlpha(0.18);
        fill.LineColor = Colors.Transparent;
        fill.LegendText = "95% bootstrap band (best model)";
    }

    private static void Finish(Plot plot, string title, string x, string y)
    {
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        plot.Axes.SetLimits(-0.01, 1.01, -0.01, 1.01);
    }

    private static string Legend(ModelEvaluation model, string metric) =>
        model.Metric(metric) is { } estimate
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{model.Model} ({metric} {estimate.Value:F3})")
            : model.Model;

    private static string Shorten(string text) => text.Length <= 28 ? text : text[..27] + "…";
}
