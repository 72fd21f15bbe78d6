using ScottPlot;

namespace Galen.Deep.Training;

/// <summary>
/// The training curve as a PNG: training and validation loss per epoch on the left axis, the
/// monitored validation metric on the right axis when it is not the loss, and a mark at the best
/// epoch.
/// </summary>
public static class TrainingCurvePlot
{
    /// <summary>Draws the curve of <paramref name="epochs"/> and writes it to <paramref name="path"/>.</summary>
    /// <param name="epochs">The run's epochs.</param>
    /// <param name="loss">Name of the main training loss (as in <see cref="EpochRecord.Training"/>).</param>
    /// <param name="monitor">The monitored validation metric.</param>
    /// <param name="path">PNG file to write; its folder is created.</param>
    /// <param name="bestEpoch">The best epoch by the monitored metric, marked when given.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    public static void Save(IReadOnlyList<EpochRecord> epochs, string loss, string monitor, string path, int? bestEpoch = null, int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var plot = new Plot();
        double[] x = epochs.Select(e => (double)e.Epoch).ToArray();
        var train = plot.Add.Scatter(x, epochs.Select(e => e.Training.GetValueOrDefault(loss, double.NaN)).ToArray());
        train.LegendText = "training " + loss;
        if (epochs.Any(e => e.Validation.ContainsKey(MonitoredMetrics.Loss)))
        {
            var validation = plot.Add.Scatter(x, epochs.Select(e => e.Validation.GetValueOrDefault(MonitoredMetrics.Loss, double.NaN)).ToArray());
            validation.LegendText = "validation loss";
        }

        plot.Axes.Left.Label.Text = "loss";
        if (monitor != MonitoredMetrics.Loss && epochs.Any(e => e.Validation.ContainsKey(monitor)))
        {
            var metric = plot.Add.Scatter(x, epochs.Select(e => e.Validation.GetValueOrDefault(monitor, double.NaN)).ToArray());
            metric.LegendText = "validation " + monitor;
            metric.Axes.YAxis = plot.Axes.Right;
            metric.LinePattern = LinePattern.Dashed;
            plot.Axes.Right.Label.Text = monitor;
        }

        if (bestEpoch is { } best)
        {
            var line = plot.Add.VerticalLine(best);
            line.LinePattern = LinePattern.Dotted;
            line.LegendText = $"best epoch ({monitor})";
        }

        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Title("Training curve");
        plot.ShowLegend(Alignment.UpperCenter);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        plot.SavePng(path, width, height);
    }
}
