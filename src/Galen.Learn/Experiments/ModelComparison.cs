using System.Diagnostics;
using System.Globalization;
using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Evaluation.Importance;
using Galen.Evaluation.Metrics;
using Galen.Evaluation.Resampling;
using Galen.Core.Splits;
using Galen.Evaluation.Splits;
using Galen.Evaluation.Summaries;
using Galen.Learn.Configuration;
using Galen.Learn.Sources;
using Galen.Learn.Trainers;

namespace Galen.Learn.Experiments;

/// <summary>One model of a comparison: the final model (fitted on all data) and its cross-validated evaluation.</summary>
/// <param name="Name">Trainer name.</param>
/// <param name="Model">Model fitted on every sample, the one to deploy.</param>
/// <param name="Evaluation">Out-of-fold evaluation: how a model trained this way does on patients it never saw.</param>
public sealed record TrainedModel(string Name, IModel<FeatureMatrix> Model, ModelEvaluation Evaluation);

/// <summary>The models of a comparison, best first by the task's main metric.</summary>
public sealed record ComparisonResult(TrainingData Data, IReadOnlyList<TrainedModel> Models, IReadOnlyList<Fold> Folds, TrainingConfiguration Configuration)
{
    /// <summary>The main metric of the task: AUROC, macro AUROC, sample PR-AUC or R².</summary>
    public string MainMetric => PermutationImportance.DefaultMetric(Data.Data.Targets.Schema.Kind);

    public TrainedModel Best => Models[0];
}

/// <summary>
/// Trains several model families the same honest way: k-fold cross-validation grouped by patient
/// gives out-of-fold predictions for every sample (and per-fold permutation importance), which
/// are evaluated with bootstrap intervals; then each family is refitted on all samples for use.
/// </summary>
public static class ModelComparison
{
    public static ComparisonResult Run(
        TrainingData data,
        IReadOnlyList<string> models,
        TrainingConfiguration? configuration = null,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(models);
        configuration ??= new TrainingConfiguration();
        var set = data.Data;
        var kind = set.Targets.Schema.Kind;
        var folds = PatientSplits.KFold(set, configuration.Folds, configuration.Seed);
        var protocol = string.Create(CultureInfo.InvariantCulture, $"{configuration.Folds}-fold cross-validation grouped by patient and stratified by outcome (seed {configuration.Seed}); metrics on out-of-fold predictions");
        var options = new EvaluationOptions(
            new BootstrapOptions(configuration.BootstrapResamples, 0.95, configuration.Seed),
            Threshold: configuration.Threshold,
            ConformalAlpha: configuration.ConformalAlpha);
        var trained = new List<TrainedModel>();
        foreach (string name in models.Where(m => TrainerCatalog.Supports(m, kind)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trainer = TrainerCatalog.Create(name, configuration);
            var importanceSum = new Dictionary<string, (FeatureImportance First, double Sum, double Squares)>(StringComparer.Ordinal);
            var cv = CrossValidation.Run(
                trainer,
                set,
                folds,
                (fold, model, test) =>
                {
                    var importance = PermutationImportance.Compute(model, test, new PermutationImportanceOptions(configuration.ImportanceRepeats, configuration.Seed + fold.Index, 2000), null, cancellationToken);
                    foreach (var item in importance)
                    {
                        importanceSum[item.Feature.Name] = importanceSum.TryGetValue(item.Feature.Name, out var s)
                            ? (s.First, s.Sum + item.MeanDrop, s.Squares + (item.MeanDrop * item.MeanDrop))
                            : (item, item.MeanDrop, item.MeanDrop * item.MeanDrop);
                    }
                },
                progress,
                cancellationToken);

            progress?.Report(new WorkProgress($"{name} final fit", 0, 1));
            var clock = Stopwatch.StartNew();
            var final = trainer.Fit(set, null, null, cancellationToken);
            double seconds = clock.Elapsed.TotalSeconds;
            progress?.Report(new WorkProgress($"{name} final fit", 1, 1));

            var evaluation = Evaluator.Evaluate(name, final.Description, protocol, set.Targets, cv.Predictions, set.Samples, cv.FoldOfRow, options, null, cancellationToken);
            int n = folds.Count;
            var importance = importanceSum.Values
                .Select(v => v.First with { MeanDrop = v.Sum / n, StandardDeviation = Math.Sqrt(Math.Max(0, (v.Squares / n) - ((v.Sum / n) * (v.Sum / n)))) })
                .OrderByDescending(i => i.MeanDrop)
                .ToArray();
            trained.Add(new TrainedModel(name, final, evaluation with { Importance = importance, TrainingSeconds = seconds }));
        }

        string main = PermutationImportance.DefaultMetric(kind);
        bool higher = kind != LabelKind.Regression || main == MetricNames.R2;
        var ordered = trained.OrderByDescending(t => (higher ? 1 : -1) * (t.Evaluation.Metric(main)?.Value ?? double.NegativeInfinity)).ToArray();
        return new ComparisonResult(data, ordered, folds, configuration);
    }
}
