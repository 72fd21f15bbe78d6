using Galen.Core.Errors;
using Galen.Core.Learning;
using Galen.Core.Progress;
using Galen.Core.Splits;
using Galen.Learn.Tabular;
using Microsoft.ML;

namespace Galen.Learn.Trainers;

/// <summary>What a learner gets to fit one head: ML.NET views of preprocessed rows.</summary>
/// <param name="Ml">Seeded ML.NET context.</param>
/// <param name="Train">Training rows (labels in "Label", "Value" or "Class" by task kind; weights in "Weight").</param>
/// <param name="Validation">Rows for early stopping, or null.</param>
/// <param name="Features">Preprocessed feature count.</param>
/// <param name="Classes">Classes for a multiclass head (0 otherwise).</param>
public sealed record HeadData(MLContext Ml, IDataView Train, IDataView? Validation, int Features, int Classes);

/// <summary>
/// The shared shape of every ML.NET trainer: fit the preprocessing on training rows only, weight
/// classes if asked, hold out patients for early stopping if needed, then fit one head per
/// output (one for binary, regression and native multiclass learners; one per class for
/// one-vs-rest; one per label for multi-label). Learners supply only their heads.
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

        var schema = train.Targets.Schema;
        var preprocessor = new TabularPreprocessor(Standardize, Options.MissingIndicators).FitTabular(train.Inputs);
        var x = preprocessor.Transform(train.Inputs);
        var xValues = x.ToArray();
        var validationValues = validation is null ? null : preprocessor.Transform(validation.Inputs).ToArray();
        var ml = new MLContext(Options.Seed);
        var heads = new List<TabularHead>();
        int outputs = schema.Kind == LabelKind.MultiLabel ? schema.Width : 1;
        string stage = "fit " + Name;
        progress?.Report(new WorkProgress(stage, 0, outputs));

        HeadData Binary(Func<int, bool> label, Func<int, bool>? validationLabel)
        {
            var labels = Enumerable.Range(0, train.Count).Select(label).ToArray();
            var weights = ClassWeights(labels.Select(l => l ? 1 : 0).ToArray(), 2);
            var view = TabularRow.View(ml, xValues, x.Columns, labels, labels.Select(l => l ? 1f : 0f).ToArray(), weights: weights);
            IDataView? held = null;
            if (validation is not null && validationLabel is not null)
            {
                var vl = Enumerable.Range(0, validation.Count).Select(validationLabel).ToArray();
                held = TabularRow.View(ml, validationValues!, x.Columns, vl, vl.Select(l => l ? 1f : 0f).ToArray());
            }

            return new HeadData(ml, ml.Data.Cache(view), held, x.Columns, 0);
        }

        switch (schema.Kind)
        {
            case LabelKind.Binary:
                heads.Add(FitBinary(Binary(i => train.Targets.Row(i)[0] >= 0.5f, validation is null ? null : i => validation.Targets.Row(i)[0] >= 0.5f)));
                break;
            case LabelKind.Multiclass:
            {
                int k = schema.Classes.Count;
                var classes = Enumerable.Range(0, train.Count).Select(i => (int)train.Targets.Row(i)[0]).ToArray();
                var view = TabularRow.View(ml, xValues, x.Columns, classes: classes, classCount: k, weights: ClassWeights(classes, k));
                IDataView? held = validation is null ? null : TabularRow.View(ml, validationValues!, x.Columns, classes: Enumerable.Range(0, validation.Count).Select(i => (int)validation.Targets.Row(i)[0]).ToArray(), classCount: k);
                var native = FitMulticlass(new HeadData(ml, ml.Data.Cache(view), held, x.Columns, k));
                if (native is not null)
                {
                    heads.Add(native);
                    break;
                }

                for (int c = 0; c < k; c++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int target = c;
                    heads.Add(FitBinary(Binary(i => classes[i] == target, validation is null ? null : i => (int)validation.Targets.Row(i)[0] == target)));
                    progress?.Report(new WorkProgress(stage, c + 1, k, $"class {schema.Classes[c]}"));
                }

                break;
            }

            case LabelKind.MultiLabel:
                for (int label = 0; label < schema.Width; label++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int l = label;
                    heads.Add(FitBinary(Binary(i => train.Targets.Row(i)[l] >= 0.5f, validation is null ? null : i => validation.Targets.Row(i)[l] >= 0.5f)));
                    progress?.Report(new WorkProgress(stage, label + 1, schema.Width, $"label {schema.Classes[label]}"));
                }

                break;
            default:
            {
                var values = Enumerable.Range(0, train.Count).Select(i => train.Targets.Row(i)[0]).ToArray();
                var view = TabularRow.View(ml, xValues, x.Columns, targets: values);
                IDataView? held = validation is null ? null : TabularRow.View(ml, validationValues!, x.Columns, targets: Enumerable.Range(0, validation.Count).Select(i => validation.Targets.Row(i)[0]).ToArray());
                heads.Add(FitRegression(new HeadData(ml, ml.Data.Cache(view), held, x.Columns, 0)));
                break;
            }
        }

        progress?.Report(new WorkProgress(stage, outputs, outputs));
        return new TabularModel(Name, Describe(schema.Kind), schema, preprocessor, heads, Options.Seed);
    }

    /// <summary>Per-sample weights: all 1, or n / (K · n_class) when balanced.</summary>
    private float[]? ClassWeights(int[] classes, int k)
    {
        if (Options.ClassWeighting == ClassWeighting.None)
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
