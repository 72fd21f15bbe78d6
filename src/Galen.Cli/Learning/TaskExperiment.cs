using System.Globalization;
using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Core.Splits;
using Galen.Deep.Data;
using Galen.Deep.Models;
using Galen.Evaluation.Importance;
using Galen.Evaluation.Metrics;
using Galen.Evaluation.Resampling;
using Galen.Evaluation.Summaries;
using Galen.Learn.Configuration;
using Galen.Learn.Trainers;

namespace Galen.Cli.Learning;

/// <summary>One model of a task experiment, with its evaluation on the test patients.</summary>
/// <param name="Name">Its name on the leaderboard.</param>
/// <param name="Inputs">The samples it reads: "tabular", "visit-sequences" or "time-series".</param>
/// <param name="Model">The fitted model (what its bundle holds).</param>
/// <param name="Evaluation">Metrics with bootstrap intervals on the test patients.</param>
public sealed record ExperimentModel(string Name, string Inputs, object Model, ModelEvaluation Evaluation);

/// <summary>The models of a task experiment, best first, all evaluated on the same test samples.</summary>
/// <param name="Data">The task.</param>
/// <param name="Split">The patient-level split every model used.</param>
/// <param name="Models">The models, best first by the task's main metric.</param>
/// <param name="BestAchievable">The true risks evaluated on the same test samples, when the data's generator is known.</param>
/// <param name="Configuration">Seed, bootstrap and tabular settings.</param>
public sealed record TaskExperimentResult(TaskTrainingData Data, HoldOutSplit Split, IReadOnlyList<ExperimentModel> Models, ModelEvaluation? BestAchievable, TrainingConfiguration Configuration) : IDisposable
{
    public ExperimentModel Best => Models[0];

    /// <summary>The best model reading tabular features, or null.</summary>
    public ExperimentModel? BestTabular => Models.FirstOrDefault(m => m.Inputs == TaskExperiment.TabularInputs && m.Model is not IDeepModel);

    /// <summary>The best network over visit sequences or time series, or null.</summary>
    public ExperimentModel? BestSequence => Models.FirstOrDefault(m => m.Inputs != TaskExperiment.TabularInputs);

    /// <summary>Frees the networks' native memory.</summary>
    public void Dispose()
    {
        foreach (var model in Models)
        {
            (model.Model as IDisposable)?.Dispose();
        }
    }
}

/// <summary>
/// Trains tabular models (ML.NET) and networks over sequences (TorchSharp) on one clinical task
/// and judges them on the same patients: one split by patient into training, validation (early
/// stopping only) and test parts, each model fitted on the training part, every model's test
/// predictions evaluated with bootstrap intervals, and — on synthetic data — the true risks of
/// the same test samples evaluated beside them as the best achievable score.
/// </summary>
public static class TaskExperiment
{
    public const string TabularInputs = "tabular";
    public const string VisitInputs = "visit-sequences";
    public const string SeriesInputs = "time-series";

    /// <summary>Every model name a task experiment accepts: the tabular trainers and the networks.</summary>
    public static IReadOnlyList<string> ModelNames { get; } = [.. TrainerCatalog.Names, .. Networks.Select(e => e.Name)];

    /// <summary>The networks a task's samples feed: tabular, visit-sequence and time-series ones (text models read notes, which tasks do not carry).</summary>
    private static IEnumerable<DeepModelEntry> Networks => DeepModelCatalog.Entries.Where(e => e.Inputs is DeepInputKind.Tabular or DeepInputKind.VisitSequences or DeepInputKind.TimeSeries);

    /// <summary>The split every experiment uses: 70 % of patients to train, 10 % to validate, 20 % to test.</summary>
    public static HoldOutFractions Fractions { get; } = HoldOutFractions.Default;

    /// <summary>Expands "all" and comma lists into model names; unknown names are a configuration error.</summary>
    public static IReadOnlyList<string> Expand(string models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var names = models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(m => m.Equals("all", StringComparison.OrdinalIgnoreCase) ? TrainerCatalog.Names : [m.ToLowerInvariant()])
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        foreach (string name in names)
        {
            if (!ModelNames.Contains(name))
            {
                throw new GalenConfigurationException($"Unknown model '{name}'.", "Use one of: " + string.Join(", ", ModelNames) + ", or all (the tabular models).");
            }
        }

        return names.Length > 0 ? names : throw new GalenConfigurationException("No model named.", "Use one of: " + string.Join(", ", ModelNames) + ".");
    }

    /// <summary>True when the model is one of Galen.Deep's networks.</summary>
    public static bool IsNetwork(string name) => Networks.Any(e => e.Name == name);

    /// <summary>Runs the experiment. <paramref name="trueRisks"/>: the generator's probability per sample key, when known.</summary>
    public static TaskExperimentResult Run(
        TaskTrainingData data,
        IReadOnlyList<string> models,
        TrainingConfiguration configuration,
        SequenceTraining sequences,
        IReadOnlyDictionary<string, double>? trueRisks = null,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sequences);
        var set = data.Dataset.Tabular;
        var kind = set.Targets.Schema.Kind;
        var split = PatientSplits.HoldOut(set, Fractions, configuration.Seed);
        if (split.Test.Count == 0 || split.Train.Count == 0)
        {
            throw new GalenInputException(
                $"The task '{data.Name}' has too few patients ({set.Samples.Select(s => s.PatientKey).Distinct(StringComparer.Ordinal).Count()}) for a training and a test part.",
                new SourceLocation(data.Name),
                "Use a larger cohort.");
        }

        var test = set.Select(split.Test);
        string protocol = Protocol(set, split, configuration.Seed);
        var options = new EvaluationOptions(new BootstrapOptions(configuration.BootstrapResamples, 0.95, configuration.Seed), Threshold: configuration.Threshold, ConformalAlpha: configuration.ConformalAlpha);
        var importance = new PermutationImportanceOptions(configuration.ImportanceRepeats, configuration.Seed, 2000);
        var inputs = new SequenceInputs(data);
        var trained = new List<ExperimentModel>();
        try
        {
            foreach (string name in models)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!IsNetwork(name) && !TrainerCatalog.Supports(name, kind))
                {
                    continue;
                }

                var candidate = Candidate(name, data, inputs, configuration, sequences, split.Validation.Count > 0);
                var fit = candidate.Fit(split, Stage(progress, name), cancellationToken);
                var evaluation = Evaluator.Evaluate(name, Describe(fit), protocol, test.Targets, fit.TestPredictions, test.Samples, null, options, null, cancellationToken)
                    with { TrainingSeconds = fit.Seconds };
                trained.Add(new ExperimentModel(name, candidate.Inputs, fit.Model, evaluation));
            }
        }
        catch
        {
            foreach (var model in trained)
            {
                (model.Model as IDisposable)?.Dispose();
            }

            throw;
        }

        if (trained.Count == 0)
        {
            throw new GalenConfigurationException($"None of the chosen models ({string.Join(", ", models)}) handles a {kind} outcome.", "Use lightgbm, forest, logreg, or a network.");
        }

        ModelEvaluation? reference = null;
        if (trueRisks is not null && kind == LabelKind.Binary)
        {
            var risks = test.Samples.Select(s => trueRisks[s.SampleKey]).ToArray();
            reference = Evaluator.Evaluate(
                "true risk (best achievable)",
                "the synthetic hospital's own probability of the outcome for each test sample: no model can rank better on average",
                protocol,
                test.Targets,
                new Predictions(set.Targets.Schema, risks),
                test.Samples,
                null,
                options,
                null,
                cancellationToken);
        }

        string main = PermutationImportance.DefaultMetric(kind);
        bool higher = kind != LabelKind.Regression || main == MetricNames.R2;
        var ordered = trained.OrderByDescending(t => (higher ? 1 : -1) * (t.Evaluation.Metric(main)?.Value ?? double.NegativeInfinity)).ToList();

        // Permutation importance (what the report plots) for the best model of tabular features
        // only: it costs a prediction pass per feature, and the report shows one model's.
        int explained = ordered.FindIndex(m => m.Model is IModel<FeatureMatrix>);
        if (explained >= 0 && configuration.ImportanceRepeats > 0)
        {
            var model = ordered[explained];
            progress?.Report(new WorkProgress($"{model.Name} importance", 0, 1));
            var ranked = PermutationImportance.Compute((IModel<FeatureMatrix>)model.Model, test, importance, null, cancellationToken);
            progress?.Report(new WorkProgress($"{model.Name} importance", 1, 1));
            ordered[explained] = model with { Evaluation = model.Evaluation with { Importance = ranked } };
        }

        return new TaskExperimentResult(data, split, ordered, reference, configuration);
    }

    /// <summary>The model in words; for a network, also how long it trained.</summary>
    private static string Describe(CandidateFit fit) =>
        fit.Model is IDeepModel { Training: { } training }
            ? string.Create(CultureInfo.InvariantCulture, $"{fit.Description}; {training.Epochs.Count} epochs ({training.Stop}), weights from epoch {training.WeightsFromEpoch}")
            : fit.Description;

    /// <summary>The candidate for one model name over this task's samples.</summary>
    private static ExperimentCandidate Candidate(string name, TaskTrainingData data, SequenceInputs inputs, TrainingConfiguration configuration, SequenceTraining sequences, bool validation)
    {
        var set = data.Dataset.Tabular;
        if (!IsNetwork(name))
        {
            return ExperimentCandidate.Create(name, TabularInputs, () => TrainerCatalog.Create(name, configuration), set);
        }

        var settings = sequences.Settings(name, set.Targets.Schema.Kind, configuration.Seed, validation);
        return DeepModelCatalog.Find(name).Inputs switch
        {
            DeepInputKind.Tabular => ExperimentCandidate.Create(name, TabularInputs, () => DeepModelCatalog.Create<FeatureMatrix>(name, settings), set),
            DeepInputKind.VisitSequences => ExperimentCandidate.Create(name, VisitInputs, () => DeepModelCatalog.Create<VisitSequenceInputs>(name, settings), inputs.Visits),
            DeepInputKind.TimeSeries => ExperimentCandidate.Create(name, SeriesInputs, () => DeepModelCatalog.Create<TimeSeriesInputs>(name, settings), inputs.Series),
            var other => throw new GalenConfigurationException($"The network '{name}' reads {other}, which a clinical task does not provide."),
        };
    }

    private static string Protocol(LabelledSet<FeatureMatrix> set, HoldOutSplit split, int seed)
    {
        int Patients(IReadOnlyList<int> rows) => rows.Select(r => set.Samples[r].PatientKey).Distinct(StringComparer.Ordinal).Count();
        return string.Create(CultureInfo.InvariantCulture,
            $"hold-out by patient (seed {seed}): trained on {split.Train.Count:N0} samples of {Patients(split.Train):N0} patients, validation (early stopping only) {split.Validation.Count:N0} samples of {Patients(split.Validation):N0} patients; metrics on {split.Test.Count:N0} test samples of {Patients(split.Test):N0} patients no model saw");
    }

    private static IProgress<WorkProgress>? Stage(IProgress<WorkProgress>? progress, string model) =>
        progress is null ? null : new ModelStage(progress, model);

    /// <summary>Passes reports on at once (in order), with the model's name in front of the stage.</summary>
    private sealed class ModelStage(IProgress<WorkProgress> inner, string model) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) =>
            inner.Report(value.Stage.StartsWith(model, StringComparison.Ordinal) ? value : value with { Stage = $"{model} {value.Stage}" });
    }

    /// <summary>A task's samples as network inputs, converted once and shared by the candidates.</summary>
    private sealed class SequenceInputs(TaskTrainingData data)
    {
        private LabelledSet<VisitSequenceInputs>? _visits;
        private LabelledSet<TimeSeriesInputs>? _series;

        public LabelledSet<VisitSequenceInputs> Visits => _visits ??= TaskInputs.Visits(data.Dataset);

        public LabelledSet<TimeSeriesInputs> Series => _series ??= TaskInputs.TimeSeries(data.Dataset);
    }
}
