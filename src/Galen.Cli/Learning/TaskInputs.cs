using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Data.Tasks;
using Galen.Deep.Data;

namespace Galen.Cli.Learning;

/// <summary>
/// A clinical task's samples as the inputs of each network family, through Galen.Deep's
/// <see cref="SequenceInputAdapter"/>: visit code sets for the visit models, and for the
/// time-series models the hourly lab and vital series with the task's other features (age,
/// history, drugs and procedures known at the index time) as context. The context is every
/// tabular column except the lab and vital aggregates, which the series already carries.
/// </summary>
public static class TaskInputs
{
    private static readonly string[] Aggregates = ["_last", "_mean", "_min", "_max", "_slope", "_count"];

    /// <summary>Visit sequences of the task's samples.</summary>
    public static LabelledSet<VisitSequenceInputs> Visits(TaskDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var visits = dataset.Visits ?? throw Missing(dataset, "visit sequences", "TaskShapes.Visits");
        return new LabelledSet<VisitSequenceInputs>(SequenceInputAdapter.ToVisitInputs(visits.Inputs), visits.Targets, visits.Samples);
    }

    /// <summary>Time series of the task's samples with their context features.</summary>
    /// <param name="dataset">The task.</param>
    /// <param name="contextColumns">The context columns, in order (a saved model's; empty: none); null: every non-measurement column.</param>
    public static LabelledSet<TimeSeriesInputs> TimeSeries(TaskDataset dataset, IReadOnlyList<string>? contextColumns = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var series = dataset.TimeSeries ?? throw Missing(dataset, "time series", "TaskShapes.TimeSeries");
        var tabular = dataset.Tabular.Inputs;
        contextColumns ??= ContextColumns(tabular, series.Inputs.Channels);
        var context = contextColumns.Count == 0 ? null : Columns(tabular, contextColumns, dataset.Task);
        return new LabelledSet<TimeSeriesInputs>(SequenceInputAdapter.ToTimeSeriesInputs(series.Inputs, context), series.Targets, series.Samples);
    }

    /// <summary>The tabular columns that are not aggregates of a time-series channel.</summary>
    public static IReadOnlyList<string> ContextColumns(FeatureMatrix tabular, IReadOnlyList<string> channels)
    {
        ArgumentNullException.ThrowIfNull(tabular);
        ArgumentNullException.ThrowIfNull(channels);
        var measured = channels.SelectMany(c => Aggregates.Select(a => c.Replace(':', '_') + a)).ToHashSet(StringComparer.Ordinal);
        return tabular.Features.Select(f => f.Name).Where(n => !measured.Contains(n)).ToArray();
    }

    /// <summary>The named columns of <paramref name="tabular"/>, in the order given; a missing one is an input error.</summary>
    public static FeatureMatrix Columns(FeatureMatrix tabular, IReadOnlyList<string> names, string source)
    {
        ArgumentNullException.ThrowIfNull(tabular);
        ArgumentNullException.ThrowIfNull(names);
        var index = names.Select(tabular.IndexOf).ToArray();
        int missing = Array.IndexOf(index, -1);
        if (missing >= 0)
        {
            throw new GalenInputException(
                $"The samples lack the feature '{names[missing]}' the model reads.",
                new SourceLocation(source, Field: names[missing]),
                "Build the samples with the feature options saved with the model.");
        }

        var values = new float[tabular.Rows * index.Length];
        for (int r = 0; r < tabular.Rows; r++)
        {
            var row = tabular.Row(r);
            for (int j = 0; j < index.Length; j++)
            {
                values[(r * index.Length) + j] = row[index[j]];
            }
        }

        return new FeatureMatrix(index.Select(i => tabular.Features[i]).ToArray(), values);
    }

    private static GalenConfigurationException Missing(TaskDataset dataset, string shape, string flag) =>
        new($"The task '{dataset.Task}' was built without {shape}.", $"Build it with FeatureOptions.Shapes including {flag} (Galen's training defaults do).");
}
