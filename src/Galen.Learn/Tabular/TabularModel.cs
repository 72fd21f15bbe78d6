using Galen.Core.Errors;
using Galen.Core.Explaining;
using Galen.Core.Learning;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Galen.Learn.Tabular;

/// <summary>
/// A fitted tabular model: the preprocessing learned on training rows, then one or more heads
/// (ML.NET transformers, or Galen's random forest). Predicts probabilities (binary, multiclass, multi-label) or values (regression), and
/// explains single predictions where the learner allows (linear and tree models).
/// </summary>
public sealed class TabularModel : IModel<FeatureMatrix>, IExplainableModel
{
    private readonly MLContext _ml;

    public TabularModel(string family, string description, LabelSchema schema, FittedTabularPreprocessor preprocessor, IReadOnlyList<TabularHead> heads, int seed)
    {
        ArgumentNullException.ThrowIfNull(heads);
        Family = family;
        Description = description;
        Schema = schema;
        Preprocessor = preprocessor;
        Heads = heads;
        Seed = seed;
        _ml = new MLContext(seed);
    }

    /// <summary>Trainer name that made the model, e.g. "lightgbm".</summary>
    public string Family { get; }

    public string Description { get; }

    public LabelSchema Schema { get; }

    public FittedTabularPreprocessor Preprocessor { get; }

    public IReadOnlyList<TabularHead> Heads { get; }

    public int Seed { get; }

    /// <summary>The ML.NET context the heads run in (for saving them).</summary>
    internal MLContext Context => _ml;

    public Predictions Predict(FeatureMatrix inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var prepared = Preprocessor.TransformValues(inputs);
        int columns = Preprocessor.OutputFeatures.Count;
        int rows = inputs.Rows;
        int width = Schema.Width;
        IDataView? view = null;
        IDataView View() => view ??= TabularRow.View(_ml, prepared, columns, classCount: Schema.Kind == LabelKind.Multiclass ? width : 0);

        var values = new double[rows * width];
        if (Heads.Count == 1 && Heads[0].Output == HeadOutput.ClassScores)
        {
            if (Heads[0] is ForestHead forest)
            {
                var probabilities = forest.Forest.Predict(prepared);
                int classes = forest.Forest.Outputs;
                for (int i = 0; i < rows; i++)
                {
                    for (int k = 0; k < width; k++)
                    {
                        values[(i * width) + k] = k < classes ? probabilities[(i * classes) + k] : 0;
                    }
                }
            }
            else
            {
                // float[] rather than VBuffer: GetColumn reuses one VBuffer's storage for every row.
                var scores = ((MlNetHead)Heads[0]).Transformer.Transform(View()).GetColumn<float[]>("Score").ToArray();
                for (int i = 0; i < rows; i++)
                {
                    var dense = scores[i];
                    for (int k = 0; k < width; k++)
                    {
                        values[(i * width) + k] = k < dense.Length ? dense[k] : 0;
                    }
                }
            }

            Normalise(values, width);
            return new Predictions(Schema, values);
        }

        for (int h = 0; h < Heads.Count; h++)
        {
            var column = Heads[h] is ForestHead forest ? ReadForest(forest, prepared, rows) : ReadSingle((MlNetHead)Heads[h], View());
            for (int i = 0; i < rows; i++)
            {
                values[(i * Heads.Count) + h] = column[i];
            }
        }

        if (Schema.Kind == LabelKind.Multiclass)
        {
            Normalise(values, width);
        }

        return new Predictions(Schema, values);
    }

    /// <summary>Whether <see cref="Explain"/> works for this model (one linear or tree head with a single output).</summary>
    public bool CanExplain => Heads.Count == 1 && Heads[0].Output != HeadOutput.ClassScores &&
        (Heads[0] is ForestHead || (Heads[0] is MlNetHead head && ContributionSource(head.Transformer) is not null));

    /// <summary>
    /// Per-feature contributions to the head's output: for ML.NET heads the raw score (log-odds
    /// for logistic regression and boosting, the margin for the SVM, the estimate for FastForest),
    /// for Galen's forest the predicted probability (or value). Linear models are exact
    /// (weight × standardised value); ML.NET trees use ML.NET's path attributions; Galen's forest
    /// uses path contributions, whose baseline + sum is exactly the prediction. A missing-value
    /// indicator's share is added to its feature.
    /// </summary>
    public FeatureContributions Explain(FeatureMatrix rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!CanExplain)
        {
            throw new GalenConfigurationException(
                $"{Description} has no per-prediction contributions.",
                "Use permutation importance for a global view, or a linear, forest or boosting model for per-patient reasons.");
        }

        var prepared = Preprocessor.TransformValues(rows);
        int columns = Preprocessor.OutputFeatures.Count;
        if (Heads[0] is ForestHead forest)
        {
            var (paths, baselines) = forest.Forest.PathContributions(prepared, forest.Column);
            string scale = forest.Output == HeadOutput.Probability ? "probability" : "predicted value";
            return new FeatureContributions(rows.Features, FoldIndicators(paths, rows.Rows, columns, rows.Columns), baselines, scale, ForestContributionMethod);
        }

        var view = TabularRow.View(_ml, prepared, columns);
        var head = ((MlNetHead)Heads[0]).Transformer;
        var source = ContributionSource(head)!;
        var contributions = ExplainWith(source, view, columns);
        var score = head.Transform(view).GetColumn<float>("Score").ToArray();
        var dense = new double[rows.Rows * columns];
        var totals = new double[rows.Rows];
        for (int i = 0; i < rows.Rows; i++)
        {
            var row = contributions[i];
            for (int c = 0; c < row.Length; c++)
            {
                dense[(i * columns) + c] = row[c];
                totals[i] += row[c];
            }

            totals[i] = score[i] - totals[i];
        }

        bool linear = source.Model is LinearModelParameters || (source.Model is CalibratedModelParametersBase calibrated && calibrated.GetType().GetGenericArguments()[0].IsAssignableTo(typeof(LinearModelParameters)));
        string rawScale = Heads[0].Output == HeadOutput.Probability ? "log-odds (raw score)" : "raw score";
        return new FeatureContributions(rows.Features, FoldIndicators(dense, rows.Rows, columns, rows.Columns), totals, rawScale, linear ? "exact (linear model)" : "ML.NET tree feature contributions");
    }

    /// <summary>How Galen's forest explains a prediction (<see cref="FeatureContributions.Method"/>).</summary>
    public const string ForestContributionMethod = "tree path contributions (Saabas)";

    /// <summary>Adds each preprocessed column's contribution to the input feature it comes from (a missing indicator to its feature).</summary>
    private double[] FoldIndicators(double[] prepared, int rows, int columns, int inputs)
    {
        var sources = Preprocessor.SourceColumns;
        var values = new double[rows * inputs];
        for (int i = 0; i < rows; i++)
        {
            for (int c = 0; c < columns; c++)
            {
                values[(i * inputs) + sources[c]] += prepared[(i * columns) + c];
            }
        }

        return values;
    }

    private static double[] ReadForest(ForestHead head, float[] prepared, int rows)
    {
        var all = head.Forest.Predict(prepared);
        int width = head.Forest.Outputs;
        var column = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            column[i] = all[(i * width) + head.Column];
        }

        return column;
    }

    private static double[] ReadSingle(MlNetHead head, IDataView view)
    {
        var scored = head.Transformer.Transform(view);
        var column = head.Output switch
        {
            HeadOutput.Probability => scored.GetColumn<float>("Probability").ToArray(),
            HeadOutput.ScoreAsProbability => scored.GetColumn<float>("Score").Select(s => Math.Clamp(s, 0f, 1f)).ToArray(),
            HeadOutput.Score => scored.GetColumn<float>("Score").ToArray(),
            _ => throw new InvalidOperationException($"Head output {head.Output} is not a single column."),
        };
        return Array.ConvertAll(column, v => (double)v);
    }

    private static void Normalise(double[] values, int width)
    {
        for (int i = 0; i < values.Length / width; i++)
        {
            double sum = 0;
            for (int k = 0; k < width; k++)
            {
                sum += values[(i * width) + k];
            }

            for (int k = 0; k < width; k++)
            {
                values[(i * width) + k] = sum > 0 ? values[(i * width) + k] / sum : 1.0 / width;
            }
        }
    }

    /// <summary>The prediction transformer whose features are the preprocessed inputs, or null (e.g. a kernel map comes first).</summary>
    private static ISingleFeaturePredictionTransformer<object>? ContributionSource(ITransformer head)
    {
        ITransformer first = head;
        if (head is IEnumerable<ITransformer> chain)
        {
            first = chain.First();
        }

        if (first is ISingleFeaturePredictionTransformer<object> prediction &&
            (prediction.Model is ICalculateFeatureContribution || IsCalibratedContributor(prediction.Model)))
        {
            return prediction;
        }

        return null;
    }

    private static bool IsCalibratedContributor(object model)
    {
        var type = model.GetType();
        while (type is not null && !(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(CalibratedModelParametersBase<,>)))
        {
            type = type.BaseType;
        }

        return type is not null && type.GetGenericArguments()[0].IsAssignableTo(typeof(ICalculateFeatureContribution));
    }

    private float[][] ExplainWith(ISingleFeaturePredictionTransformer<object> source, IDataView view, int features)
    {
        ITransformer contributor;
        if (source is ISingleFeaturePredictionTransformer<ICalculateFeatureContribution> plain)
        {
            contributor = _ml.Transforms.CalculateFeatureContribution(plain, numberOfPositiveContributions: features, numberOfNegativeContributions: features, normalize: false).Fit(view);
        }
        else
        {
            // Calibrated models: ML.NET's overload is generic in the sub-model and calibrator types.
            var type = source.Model.GetType();
            while (!(type!.IsGenericType && type.GetGenericTypeDefinition() == typeof(CalibratedModelParametersBase<,>)))
            {
                type = type.BaseType;
            }

            var method = typeof(ExplainabilityCatalog).GetMethods()
                .Single(m => m.Name == nameof(ExplainabilityCatalog.CalculateFeatureContribution) && m.IsGenericMethodDefinition)
                .MakeGenericMethod(type.GetGenericArguments());
            var estimator = (IEstimator<ITransformer>)method.Invoke(null, [_ml.Transforms, source, features, features, false])!;
            contributor = estimator.Fit(view);
        }

        var scored = source.Transform(view);
        return contributor.Transform(scored).GetColumn<float[]>("FeatureContributions").ToArray();
    }
}
