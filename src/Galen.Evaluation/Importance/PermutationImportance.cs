using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Core.Randomness;
using Galen.Evaluation.Metrics;

namespace Galen.Evaluation.Importance;

/// <summary>Settings for permutation importance.</summary>
/// <param name="Repeats">Shuffles per feature.</param>
/// <param name="Seed">Seed of the shuffles.</param>
/// <param name="MaximumRows">Rows used at most (a seeded sample of the data when larger).</param>
/// <param name="Metric">Metric name; null picks AUROC, macro AUROC, sample PR-AUC or R² by task kind.</param>
public sealed record PermutationImportanceOptions(int Repeats = 5, int Seed = Seeds.Default, int MaximumRows = 5000, string? Metric = null);

/// <summary>
/// Model-agnostic global importance (Breiman; Fisher, Rudin and Dominici): the drop in a metric
/// when a feature's column is shuffled, breaking its link to the outcome. Works on any
/// <see cref="IModel{FeatureMatrix}"/>, so every tabular model family is explained the same way.
/// </summary>
public static class PermutationImportance
{
    public static IReadOnlyList<FeatureImportance> Compute(
        IModel<FeatureMatrix> model,
        LabelledSet<FeatureMatrix> data,
        PermutationImportanceOptions? options = null,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new PermutationImportanceOptions();
        var random = Seeds.Stream(options.Seed, "importance.permutation");
        if (data.Count > options.MaximumRows)
        {
            var rows = Enumerable.Range(0, data.Count).ToArray();
            random.Shuffle(rows);
            data = data.Select(rows[..options.MaximumRows]);
        }

        string metric = options.Metric ?? DefaultMetric(data.Targets.Schema.Kind);
        var baseline = Score(model, data.Inputs, data.Targets, metric);
        var matrix = data.Inputs;
        var importances = new List<FeatureImportance>();
        var drops = new double[Math.Max(1, options.Repeats)];
        var column = new float[matrix.Rows];
        for (int j = 0; j < matrix.Columns; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new WorkProgress("permutation importance", j, matrix.Columns, matrix.Features[j].Name));
            for (int r = 0; r < options.Repeats; r++)
            {
                var values = matrix.ToArray();
                for (int i = 0; i < matrix.Rows; i++)
                {
                    column[i] = values[(i * matrix.Columns) + j];
                }

                random.Shuffle(column);
                for (int i = 0; i < matrix.Rows; i++)
                {
                    values[(i * matrix.Columns) + j] = column[i];
                }

                double shuffled = Score(model, new FeatureMatrix(matrix.Features, values), data.Targets, metric).Value;
                drops[r] = baseline.HigherIsBetter ? baseline.Value - shuffled : shuffled - baseline.Value;
            }

            double mean = drops.Average();
            double sd = Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / drops.Length);
            importances.Add(new FeatureImportance(matrix.Features[j], metric, mean, sd));
        }

        progress?.Report(new WorkProgress("permutation importance", matrix.Columns, matrix.Columns));
        return importances.OrderByDescending(i => i.MeanDrop).ToArray();
    }

    /// <summary>The metric used when none is named.</summary>
    public static string DefaultMetric(LabelKind kind) => kind switch
    {
        LabelKind.Binary => MetricNames.Auroc,
        LabelKind.Multiclass => MetricNames.MacroAuroc,
        LabelKind.MultiLabel => MetricNames.SamplesAuprc,
        _ => MetricNames.R2,
    };

    private static MetricValue Score(IModel<FeatureMatrix> model, FeatureMatrix inputs, TargetMatrix targets, string metric)
    {
        var all = Scorecard.Compute(targets, model.Predict(inputs));
        return all.FirstOrDefault(m => m.Name == metric)
            ?? throw new Core.Errors.GalenConfigurationException($"Metric '{metric}' does not apply to {targets.Schema.Kind} tasks.", "Use one of: " + string.Join(", ", all.Select(m => m.Name)) + ".");
    }
}
