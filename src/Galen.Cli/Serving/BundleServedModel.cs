using Galen.Core.Bundles;
using Galen.Core.Explaining;
using Galen.Core.Learning;
using Galen.Evaluation.Explanations;
using Galen.Evaluation.Summaries;
using Galen.Learn.Experiments;
using Galen.Learn.Tabular;
using Galen.Serve.Models;

namespace Galen.Cli.Serving;

/// <summary>
/// A Galen model bundle as the service serves it: the model the bundle's codec read back (its
/// fitted preprocessing runs inside its own Predict), the bundle's features as the inputs
/// clients send, a model card from the bundle's card facts and evaluation, and the top reasons
/// of each prediction from the model's own explanations (exact for linear models, tree-path
/// attributions for tree ensembles). Models without per-prediction explanations answer without
/// reasons.
/// </summary>
public sealed class BundleServedModel : IServedModel
{
    private readonly IModel<FeatureMatrix> _model;
    private readonly IExplainableModel? _explainer;

    public BundleServedModel(LoadedBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        Manifest = bundle.Manifest;
        _model = bundle.ModelFor<FeatureMatrix>();
        _explainer = _model switch
        {
            TabularModel tabular => tabular.CanExplain ? tabular : null,
            IExplainableModel explainable => explainable,
            _ => null,
        };
        Evaluation = TabularBundles.EvaluationOf(bundle);
        Card = BundleModelCard.Of(Manifest, Evaluation);
    }

    /// <summary>The bundle's manifest (task, training data, card facts, settings).</summary>
    public BundleManifest Manifest { get; }

    /// <summary>The evaluation the bundle carries, when it carries one.</summary>
    public ModelEvaluation? Evaluation { get; }

    /// <summary>Whether predictions come with reasons.</summary>
    public bool Explains => _explainer is not null;

    public LabelSchema Outcome => Manifest.Schema;

    public string Description => Manifest.Description;

    public IReadOnlyList<FeatureSpec> Features => Manifest.Features;

    public ModelCard Card { get; }

    public IReadOnlyList<RiskPrediction> Predict(FeatureMatrix rows, int topReasons)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var probabilities = _model.Predict(rows);
        var contributions = topReasons > 0 && _explainer is not null ? _explainer.Explain(rows) : null;
        var predictions = new RiskPrediction[rows.Rows];
        for (int i = 0; i < rows.Rows; i++)
        {
            IReadOnlyList<RiskReason> reasons = contributions is null
                ? []
                : ReasonWriter.TopReasons(rows, i, contributions, topReasons)
                    .Select(r => new RiskReason(r.Feature.Name, r.Feature.DisplayName, float.IsNaN(r.Value) ? null : r.Value, r.Feature.Unit, r.Contribution))
                    .ToArray();
            predictions[i] = new RiskPrediction(probabilities.Row(i)[0], reasons);
        }

        return predictions;
    }
}
