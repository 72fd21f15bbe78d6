using Galen.Core.Errors;
using Galen.Core.Explaining;
using Galen.Core.Learning;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Galen.Learn.Tabular;

/// <summary>
/// A fitted tabular model: the preprocessing learned on training rows, then one or more ML.NET
/// heads. Predicts probabilities (binary, multiclass, multi-label) or values (regression), and
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
        var prepared = Preprocessor.Transform(inputs);
        var view = TabularRow.View(_ml, prepared.ToArray(), prepared.Columns, classCount: Schema.Kind == LabelKind.Multiclass ? Schema.Width : 0);
        int rows = inputs.Rows;
        int width = Schema.Width;
        var values = new double[rows * width];
        if (Heads.Count == 1 && Heads[0].Output == HeadOutput.ClassScores)
        {
            // float[] rather than VBuffer: GetColumn reuses one VBuffer's storage for every row.
            var scores = Heads[0].Transformer.Transform(view).GetColumn<float[]>("Score").ToArray();
            for (int i = 0; i < rows; i++)
            {
                var dense = scores[i];
                for (int k = 0; k < width; k++)
                {
                    values[(i * width) + k] = k < dense.Length ? dense[k] : 0;
                }
            }

            Normalise(values, width);
            return new Predictions(Schema, values);
        }

        for (int h = 0; h < Heads.Count; h++)
        {
            var column = ReadSingle(Heads[h], view);
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

    /// <summary>Whether <see cref="Explain"/> works for this model (one linear or tree head).</summary>
    public bool CanExplain => Heads.Count == 1 && Heads[0].Output != HeadOutput.ClassScores && ContributionSource(Heads[0].Transformer) is not null;

    /// <summary>
    /// Per-feature contributions to the head's raw score (log-odds for logistic regression and
    /// boosting, the margin for the SVM, the estimate for forests). Linear models are exact
    /// (weight × standardised value); trees use ML.NET's path attributions. A missing-value
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

        var prepared = Preprocessor.Transform(rows);
        var view = TabularRow.View(_ml, prepared.ToArray(), prepared.Columns);
        var head = Heads[0].Transformer;
        var source = ContributionSource(head)!;
        var contributions = ExplainWith(source, view, prepared.Columns);
        var scored = head.Transform(view);
        var score = scored.GetColumn<float>("Score").ToArray();

        int inputs = rows.Columns;
        var sources = Preprocessor.SourceColumns;
        var values = new double[rows.Rows * inputs];
        var baselines = new double[rows.Rows];
        for (int i = 0; i < rows.Rows; i++)
        {
            var dense = contributions[i];
            double total = 0;
            for (int c = 0; c < dense.Length; c++)
            {
                values[(i * inputs) + sources[c]] += dense[c];
                total += dense[c];
            }

            baselines[i] = score[i] - total;
        }

        bool linear = source.Model is LinearModelParameters || (source.Model is CalibratedModelParametersBase calibrated && calibrated.GetType().GetGenericArguments()[0].IsAssignableTo(typeof(LinearModelParameters)));
        string scale = Heads[0].Output == HeadOutput.Probability ? "log-odds (raw score)" : "raw score";
        return new FeatureContributions(rows.Features, values, baselines, scale, linear ? "exact (linear model)" : "ML.NET tree feature contributions");
    }

    private float[] ReadSingle(TabularHead head, IDataView view)
    {
        var scored = head.Transformer.Transform(view);
        return head.Output switch
        {
            HeadOutput.Probability => scored.GetColumn<float>("Probability").ToArray(),
            HeadOutput.ScoreAsProbability => scored.GetColumn<float>("Score").Select(s => Math.Clamp(s, 0f, 1f)).ToArray(),
            HeadOutput.Score => scored.GetColumn<float>("Score").ToArray(),
            _ => throw new InvalidOperationException($"Head output {head.Output} is not a single column."),
        };
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
