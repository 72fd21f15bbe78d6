using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Core.Splits;
using Galen.Learn.Tabular;
using Microsoft.ML;

namespace Galen.Learn.Trainers;

/// <summary>
/// The shared shape of every tabular trainer: fit the preprocessing on training rows only, weight
/// classes if asked, hold out patients for early stopping if needed, then fit one head per
/// output (one for binary, regression and native multiclass learners; one per class for
/// one-vs-rest; one per label for multi-label). Learners (ML.NET's, or Galen's forest) supply
/// only their heads.
/// </summary>
public abstract class TabularTrainer(TabularTrainerOptions options) : ITrainer<FeatureMatrix>
{
    public abstract string Name { get; }

    public TabularTrainerOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Whether numeric inputs are standardised (linear and kernel models).</summary>
    protected abstract bool Standardize { get; }

    /// <summary>Rounds without improvement before stopping; 0 when the learner does not stop early.</summary>
    protected virtual int EarlyStoppingRounds => 0;

    /// <summary>Share of training patients held out for early stopping when no validation set is given.</summary>
    protected virtual double ValidationFraction => 0.1;

    /// <summary>Whether the learner reads the ML.NET views of <see cref="HeadData"/> (false: they are never built).</summary>
    protected virtual bool ReadsDataViews => true;

    /// <summary>Whether the learner weighs classes per bootstrap sample itself (<see cref="ClassWeighting.BalancedSubsample"/>).</summary>
    protected virtual bool WeighsClassesPerBootstrap => false;

    /// <summary>Family and settings in words for the given task kind.</summary>
    public abstract string Describe(LabelKind kind);

    /// <summary>A binary head on the "Label" column (also "Value" = 0/1 for regressors used as classifiers).</summary>
    protected abstract TabularHead FitBinary(HeadData data);

    /// <summary>A native multiclass head on the "Class" key column, or null to use one-vs-rest binary heads.</summary>
    protected virtual TabularHead? FitMulticlass(HeadData data) => null;

    /// <summary>A regression head on the "Value" column.</summary>
    protected virtual TabularHead FitRegression(HeadData data) =>
        throw new GalenConfigurationException($"The {Name} trainer does not do regression.", "Use logreg (linear regression), forest, lightgbm or fasttree.");

    public IModel<FeatureMatrix> Fit(
        LabelledSet<FeatureMatrix> train,
        LabelledSet<FeatureMatrix>? validation = null,
        IProgress<WorkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        CheckTargets(train.Targets);
        if (EarlyStoppingRounds > 0 && validation is null && train.Samples.Select(s => s.PatientKey).Distinct(StringComparer.Ordinal).Count() >= 20)
        {
            var split = PatientSplits.HoldOut(train, new HoldOutFractions(1 - ValidationFraction, ValidationFraction, 0), Core.Randomness.Seeds.Derive(Options.Seed, "early-stopping"));
            validation = train.Select(split.Validation);
            train = train.Select(split.Train);
        }

        if (Options.ClassWeighting == ClassWeighting.BalancedSubsample && !WeighsClassesPerBootstrap)
        {
            throw new GalenConfigurationException(
                $"classWeighting BalancedSubsample needs bootstrap samples, which the {Name} trainer does not draw.",
                "Use classWeighting Balanced, or the forest trainer.");
        }

        var schema = train.Targets.Schema;
        var preprocessor = new TabularPreprocessor(Standardize, Options.MissingIndicators).FitTabular(train.Inputs);
        var rows = new PreparedRows(preprocessor.TransformValues(train.Inputs), preprocessor.OutputFeatures.Count);
        var held = validation;
        var validationValues = held is null ? null : new Lazy<float[]>(() => preprocessor.TransformValues(held.Inputs));
        int columns = rows.Columns;
        var ml = new MLContext(Options.Seed);
        var heads = new List<TabularHead>();
        int outputs = schema.Kind == LabelKind.MultiLabel ? schema.Width : 1;
        string stage = "fit " + Name;
        progress?.Report(new WorkProgress(stage, 0, outputs));

        HeadData Head(float[] targets, float[]? weights, int classes, Func<IDataView> view, Func<IDataView>? validationView, string detail)
        {
            Func<IDataView> trainView = () => ml.Data.Cache(view());
            Func<IDataView?> heldView = () => validationView?.Invoke();
            if (ReadsDataViews)
            {
                // Built now, in this order: each ML.NET component draws its seed from the
                // context's random stream, so the order fixes the numbers a seed gives.
                var plain = view();
                var validationRows = validationView?.Invoke();
                var cached = ml.Data.Cache(plain);
                trainView = () => cached;
                heldView = () => validationRows;
            }

            return new(ml, rows, targets, weights, classes, trainView, heldView, outputs > 1 ? null : progress, detail.Length == 0 ? stage : $"{stage} ({detail})", cancellationToken);
        }

        HeadData Binary(Func<int, bool> label, Func<int, bool>? validationLabel, string detail = "")
        {
            var labels = Enumerable.Range(0, train.Count).Select(label).ToArray();
            var targets = labels.Select(l => l ? 1f : 0f).ToArray();
            var weights = ClassWeights(labels.Select(l => l ? 1 : 0).ToArray(), 2);
            Func<IDataView>? heldView = null;
            if (held is not null && validationLabel is not null)
            {
                heldView = () =>
                {
                    var vl = Enumerable.Range(0, held.Count).Select(validationLabel).ToArray();
                    return TabularRow.View(ml, validationValues!.Value, columns, vl, vl.Select(l => l ? 1f : 0f).ToArray());
                };
            }

            return Head(targets, weights, 0, () => TabularRow.View(ml, rows.Array, columns, labels, targets, weights: weights), heldView, detail);
        }

        switch (schema.Kind)
        {
            case LabelKind.Binary:
                heads.Add(FitBinary(Binary(i => train.Targets.Row(i)[0] >= 0.5f, held is null ? null : i => held.Targets.Row(i)[0] >= 0.5f)));
                break;
            case LabelKind.Multiclass:
            {
                int k = schema.Classes.Count;
                var classes = Enumerable.Range(0, train.Count).Select(i => (int)train.Targets.Row(i)[0]).ToArray();
                var weights = ClassWeights(classes, k);
                Func<IDataView>? heldView = held is null ? null : () => TabularRow.View(ml, validationValues!.Value, columns, classes: Enumerable.Range(0, held.Count).Select(i => (int)held.Targets.Row(i)[0]).ToArray(), classCount: k);
                var native = FitMulticlass(Head(Array.ConvertAll(classes, c => (float)c), weights, k, () => TabularRow.View(ml, rows.Array, columns, classes: classes, classCount: k, weights: weights), heldView, string.Empty));
                if (native is not null)
                {
                    heads.Add(native);
                    break;
                }

                for (int c = 0; c < k; c++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int target = c;
                    heads.Add(FitBinary(Binary(i => classes[i] == target, held is null ? null : i => (int)held.Targets.Row(i)[0] == target, $"class {schema.Classes[c]}")));
                    progress?.Report(new WorkProgress(stage, c + 1, k, $"class {schema.Classes[c]}"));
                }

                break;
            }

            case LabelKind.MultiLabel:
                for (int label = 0; label < schema.Width; label++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int l = label;
                    heads.Add(FitBinary(Binary(i => train.Targets.Row(i)[l] >= 0.5f, held is null ? null : i => held.Targets.Row(i)[l] >= 0.5f, $"label {schema.Classes[label]}")));
                    progress?.Report(new WorkProgress(stage, label + 1, schema.Width, $"label {schema.Classes[label]}"));
                }

                break;
            default:
            {
                var values = Enumerable.Range(0, train.Count).Select(i => train.Targets.Row(i)[0]).ToArray();
                Func<IDataView>? heldView = held is null ? null : () => TabularRow.View(ml, validationValues!.Value, columns, targets: Enumerable.Range(0, held.Count).Select(i => held.Targets.Row(i)[0]).ToArray());
                heads.Add(FitRegression(Head(values, null, 0, () => TabularRow.View(ml, rows.Array, columns, targets: values), heldView, string.Empty)));
                break;
            }
        }

        progress?.Report(new WorkProgress(stage, outputs, outputs));
        return new TabularModel(Name, Describe(schema.Kind), schema, preprocessor, heads, Options.Seed);
    }

    /// <summary>Per-sample weights: all 1, or n / (K · n_class) when balanced (per-bootstrap balancing is the learner's).</summary>
    private float[]? ClassWeights(int[] classes, int k)
    {
        if (Options.ClassWeighting is ClassWeighting.None or ClassWeighting.BalancedSubsample)
        {
            return null;
        }

        var counts = new int[k];
        foreach (int c in classes)
        {
            counts[c]++;
        }

        return classes.Select(c => (float)(classes.Length / ((double)k * counts[c]))).ToArray();
    }

    private static void CheckTargets(TargetMatrix targets)
    {
        var schema = targets.Schema;
        var values = targets.Values;
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]))
            {
                throw new GalenInputException($"Training target {schema.Name} is missing for sample {(i / targets.Width) + 1}.", remedy: "Drop samples without an outcome before training, or give them one.");
            }
        }

        if (schema.Kind == LabelKind.Binary)
        {
            int positives = targets.AsBinary().Count(b => b);
            if (positives == 0 || positives == targets.Rows)
            {
                throw new GalenInputException($"The training data for {schema.Name} has only one outcome class ({positives} of {targets.Rows} positive); a classifier needs both.");
            }
        }

        if (schema.Kind == LabelKind.Multiclass)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] < 0 || values[i] >= schema.Classes.Count || values[i] != MathF.Floor(values[i]))
                {
                    throw new GalenInputException($"Training target {schema.Name} of sample {i + 1} is {values[i]}, not a class index below {schema.Classes.Count}.");
                }
            }
        }
    }
}
